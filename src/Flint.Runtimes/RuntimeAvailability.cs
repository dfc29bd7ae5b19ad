namespace Flint.Runtimes;

/// <summary>
/// Whether a runtime can run instances on this host; when it cannot, why. A runtime that runs
/// instances with less isolation than it is meant to give is available with a <see cref="Reason"/>
/// saying what is missing.
/// </summary>
public sealed record RuntimeAvailability(bool IsAvailable, string? Reason)
{
    public static RuntimeAvailability Available { get; } = new(true, null);

    public static RuntimeAvailability Unavailable(string reason) => new(false, reason);

    public static RuntimeAvailability Degraded(string reason) => new(true, reason);
}
