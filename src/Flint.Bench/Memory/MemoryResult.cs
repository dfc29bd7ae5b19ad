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
    string? Error);
