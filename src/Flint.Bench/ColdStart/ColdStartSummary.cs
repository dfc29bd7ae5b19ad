using Flint.Bench.Statistics;

namespace Flint.Bench.ColdStart;

/// <summary>
/// One runtime's cold starts: the distribution of client-side totals over successful requests,
/// the failures, median ratios against <c>process</c> and <c>vm</c>, and the phase medians.
/// <see cref="WarmResponses"/> counts responses the gateway marked as not cold (should be 0 single-use).
/// </summary>
public sealed record ColdStartSummary(
    string Runtime,
    int Requests,
    int Failures,
    int WarmResponses,
    DistributionSummary? Total,
    double? RatioToProcess,
    double? RatioToVm,
    IReadOnlyList<PhaseSegment> Phases)
{
    /// <summary>Median of sequential requests to an instance of the same runtime that is already up (keep-warm); null when not measured.</summary>
    public double? WarmMedian { get; init; }

    /// <summary>What starting an instance adds to a request: the cold median less <see cref="WarmMedian"/>.</summary>
    public double? AddedOverWarm => Total?.Median - WarmMedian;

    public double? RatioToCrun { get; init; }
}
