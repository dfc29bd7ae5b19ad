using Flint.Bench.ColdStart;
using Flint.Bench.Statistics;

namespace Flint.Bench.Direct;

/// <summary>Pairs each runtime's direct starts with its cold starts through Flint; only successful requests enter the statistics.</summary>
public static class OverheadAnalysis
{
    /// <param name="direct">Direct starts.</param>
    /// <param name="throughFlint">Cold starts through the gateway, same run.</param>
    /// <param name="commands">The direct command per runtime, in words.</param>
    public static IReadOnlyList<OverheadSummary> Summarize(
        IReadOnlyList<ColdStartSample> direct, IReadOnlyList<ColdStartSample> throughFlint, IReadOnlyDictionary<string, string> commands)
    {
        ArgumentNullException.ThrowIfNull(direct);
        ArgumentNullException.ThrowIfNull(throughFlint);
        ArgumentNullException.ThrowIfNull(commands);
        return [.. direct.GroupBy(s => s.Runtime).Select(g => new OverheadSummary(
            g.Key,
            commands.GetValueOrDefault(g.Key, g.Key),
            Totals(g),
            g.Count(s => !s.Succeeded),
            Totals(throughFlint.Where(s => s.Runtime == g.Key))))];
    }

    private static DistributionSummary? Totals(IEnumerable<ColdStartSample> samples) =>
        DistributionSummary.Of(samples.Where(s => s.Succeeded).Select(s => s.TotalMilliseconds));
}
