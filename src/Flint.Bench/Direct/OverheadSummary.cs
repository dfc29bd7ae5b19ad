using Flint.Bench.Statistics;

namespace Flint.Bench.Direct;

/// <summary>
/// One runtime's cold starts through Flint against the same image started directly by the runtime's
/// own command line (<see cref="Command"/>), in the same run: what Flint adds, in milliseconds and as a ratio of medians.
/// </summary>
public sealed record OverheadSummary(
    string Runtime,
    string Command,
    DistributionSummary? Direct,
    int DirectFailures,
    DistributionSummary? ThroughFlint)
{
    /// <summary>Median through Flint less the direct median.</summary>
    public double? OverheadMilliseconds => ThroughFlint?.Median - Direct?.Median;

    /// <summary>Median through Flint over the direct median.</summary>
    public double? Ratio => Ratios.OfMedians(ThroughFlint?.Median, Direct?.Median);
}
