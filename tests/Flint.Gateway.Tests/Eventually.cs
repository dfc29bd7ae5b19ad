namespace Flint.Gateway.Tests;

/// <summary>Waits for a condition that becomes true asynchronously (a stop after a response, an idle timeout).</summary>
internal static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task<bool> TrueAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
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

    public static Task<bool> TrueAsync(Func<bool> condition) => TrueAsync(() => Task.FromResult(condition()));
}
