using System.Text.Json.Serialization;
using Flint.Bench.ColdStart;
using Flint.Bench.Direct;
using Flint.Bench.Gateway;
using Flint.Bench.Machine;
using Flint.Bench.Memory;
using Flint.Bench.Sizes;
using Flint.Bench.Throughput;

namespace Flint.Bench;

/// <summary>
/// Everything one run measured. <see cref="Unavailable"/> lists each runtime that was asked for but
/// not measured, with the reason. The raw <see cref="Samples"/> go to <c>cold-starts.csv</c>; the rest
/// is <c>summary.json</c>.
/// </summary>
public sealed record BenchResult(
    BenchOptions Options,
    MachineInfo Machine,
    IReadOnlyList<RuntimeStatus> Runtimes,
    IReadOnlyList<RuntimeStatus> Unavailable,
    IReadOnlyList<ColdStartSummary> ColdStarts,
    IReadOnlyList<ThroughputResult> Throughput,
    IReadOnlyList<MemoryResult> Memory,
    SizeReport? Sizes)
{
    [JsonIgnore]
    public IReadOnlyList<ColdStartSample> Samples { get; init; } = [];

    /// <summary>The same image started directly by each runtime's own command line (see <see cref="Overhead"/>); raw, for <c>direct-starts.csv</c>.</summary>
    [JsonIgnore]
    public IReadOnlyList<ColdStartSample> DirectSamples { get; init; } = [];

    /// <summary>Per runtime: direct starts against starts through Flint, same run; empty when not measured.</summary>
    public IReadOnlyList<OverheadSummary> Overhead { get; init; } = [];

    /// <summary>The density run: many idle <c>vm-snapshot</c> instances at once; null when not run.</summary>
    public MemoryResult? Density { get; init; }

    /// <summary>
    /// The runtime's name with what the gateway says it runs on, where it says so (<c>vm (kvm)</c>, from an
    /// available runtime's reason <c>"vm (kvm)"</c>); the bare name otherwise.
    /// </summary>
    public string Label(string runtime) =>
        Runtimes.FirstOrDefault(r => r.Name == runtime && r.Available && r.Reason is { } reason && reason.StartsWith(runtime + " (", StringComparison.Ordinal)) is { Reason: { } label }
            ? label
            : runtime;
}
