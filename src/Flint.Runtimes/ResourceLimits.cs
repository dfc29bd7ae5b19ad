namespace Flint.Runtimes;

/// <summary>Per-instance limits; null means the runtime's default.</summary>
public sealed record ResourceLimits(long? MemoryBytes = null, double? Cpus = null, int? Pids = null)
{
    public static ResourceLimits None { get; } = new();
}
