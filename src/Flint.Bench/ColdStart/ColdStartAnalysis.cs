using Flint.Bench.Statistics;
using Flint.Runtimes;

namespace Flint.Bench.ColdStart;

/// <summary>Turns raw samples into per-runtime summaries; only successful requests enter the statistics.</summary>
public static class ColdStartAnalysis
{
    /// <summary>The name of the last segment: from the gateway's last phase to the client's last byte.</summary>
    public const string ClientSegment = "client";

    /// <param name="samples">Cold starts.</param>
    /// <param name="warm">Requests to instances already up, per runtime (optional): the baseline for what a cold start adds.</param>
    public static IReadOnlyList<ColdStartSummary> Summarize(IReadOnlyList<ColdStartSample> samples, IReadOnlyList<ColdStartSample>? warm = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var byRuntime = samples.GroupBy(s => s.Runtime).ToList();
        var medians = byRuntime.ToDictionary(g => g.Key, g => DistributionSummary.Of(g.Where(s => s.Succeeded).Select(s => s.TotalMilliseconds))?.Median);
        var warmMedians = (warm ?? []).GroupBy(s => s.Runtime)
            .ToDictionary(g => g.Key, g => DistributionSummary.Of(g.Where(s => s.Succeeded).Select(s => s.TotalMilliseconds))?.Median);
        return [.. byRuntime.Select(g => Summarize(g.Key, [.. g], medians) with
        {
            WarmMedian = warmMedians.GetValueOrDefault(g.Key),
            RatioToCrun = Ratios.OfMedians(medians[g.Key], medians.GetValueOrDefault(RuntimeNames.Crun)),
        })];
    }

    private static ColdStartSummary Summarize(string runtime, List<ColdStartSample> samples, Dictionary<string, double?> medians)
    {
        var good = samples.Where(s => s.Succeeded).ToList();
        var total = DistributionSummary.Of(good.Select(s => s.TotalMilliseconds));
        return new ColdStartSummary(
            runtime,
            samples.Count,
            samples.Count - good.Count,
            samples.Count(s => s.ColdStart == false),
            total,
            Ratios.OfMedians(total?.Median, medians.GetValueOrDefault(RuntimeNames.Process)),
            Ratios.OfMedians(total?.Median, medians.GetValueOrDefault(RuntimeNames.Vm)),
            Segments(good));
    }

    private static List<PhaseSegment> Segments(List<ColdStartSample> good)
    {
        var offsets = new Dictionary<string, List<double>>();
        var durations = new Dictionary<string, List<double>>();
        foreach (var sample in good.Where(s => s.Phases.Count > 0))
        {
            var previous = 0.0;
            foreach (var phase in sample.Phases.OrderBy(p => p.Milliseconds))
            {
                Add(offsets, phase.Name, phase.Milliseconds);
                Add(durations, phase.Name, phase.Milliseconds - previous);
                previous = phase.Milliseconds;
            }

            Add(offsets, ClientSegment, sample.TotalMilliseconds);
            Add(durations, ClientSegment, sample.TotalMilliseconds - previous);
        }

        return [.. offsets
            .Select(o => new PhaseSegment(o.Key, Percentiles.Median(o.Value), Percentiles.Median(durations[o.Key])))
            .OrderBy(s => s.Name == ClientSegment)
            .ThenBy(s => s.MedianOffsetMilliseconds)];
    }

    private static void Add(Dictionary<string, List<double>> lists, string name, double value)
    {
        if (!lists.TryGetValue(name, out var list))
        {
            lists[name] = list = [];
        }

        list.Add(value);
    }
}
