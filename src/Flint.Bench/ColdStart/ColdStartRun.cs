using Flint.Bench.Gateway;

namespace Flint.Bench.ColdStart;

/// <summary>The raw outcome of the cold-start runner: every sample, and the runtimes that could not be deployed.</summary>
public sealed record ColdStartRun(IReadOnlyList<ColdStartSample> Samples, IReadOnlyList<RuntimeStatus> NotDeployed)
{
    /// <summary>The same image started directly by each runtime's own command line, interleaved with <see cref="Samples"/>.</summary>
    public IReadOnlyList<ColdStartSample> DirectSamples { get; init; } = [];
}
