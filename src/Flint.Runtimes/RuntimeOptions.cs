namespace Flint.Runtimes;

/// <summary>Host-wide settings every runtime reads once when it is created.</summary>
/// <param name="CacheDirectory">Where unpacked image root file systems are kept (one per image digest).</param>
public sealed record RuntimeOptions(string CacheDirectory)
{
    /// <summary>How long a stopping instance gets after SIGTERM before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(2);
}
