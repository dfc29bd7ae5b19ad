namespace Flint.Runtimes;

/// <summary>Whether a runtime can run instances on this host; when it cannot, why.</summary>
public sealed record RuntimeAvailability(bool IsAvailable, string? Reason)
{
    public static RuntimeAvailability Available { get; } = new(true, null);

    public static RuntimeAvailability Unavailable(string reason) => new(false, reason);
}
