namespace Flint.Gateway.Tests;

/// <summary>Waits for a condition that becomes true asynchronously (a stop after a response, an idle timeout).</summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds or <paramref name="limit"/> (30 s unless
    /// given) passes. A test that expects something prompt passes a short limit, so that it fails
    /// in seconds when the thing never happens.
    /// </summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? DefaultLimit);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return true;
    }

    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan? limit = null) => TrueAsync(() => Task.FromResult(condition()), limit);
}
