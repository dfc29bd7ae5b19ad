namespace Flint.Bench.Memory;

/// <summary>
/// Host memory per idle instance: the drop in MemAvailable after starting <see cref="Started"/> of
/// <see cref="Requested"/> instances, divided by the number started. <see cref="Error"/> says why a
/// runtime stopped early or did not run.
/// </summary>
public sealed record MemoryResult(
    string Runtime,
    int Requested,
    int Started,
    long AvailableBeforeBytes,
    long AvailableAfterBytes,
    double? BytesPerInstance,
    string? Error)
{
    /// <summary>How long starting the instances took, one after another.</summary>
    public double? StartSeconds { get; init; }

    /// <summary>Instances started per second, one after another.</summary>
    public double? StartsPerSecond => StartSeconds is > 0 ? Started / StartSeconds : null;

    /// <summary>
    /// Growth of the benchmark process's PSS per instance: the whole cost of an in-process Flint VM (guest pages it
    /// owns, shared snapshot pages in proportion, monitor structures); near zero for runtimes whose instances are
    /// other processes.
    /// </summary>
    public double? ProcessPssBytesPerInstance { get; init; }
}
