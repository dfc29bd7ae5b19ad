namespace Flint.Gateway.Metrics;

/// <summary>
/// The per-function cold-start histogram's observations, kept where the gateway can read them back
/// for <c>/ui</c>: prometheus-net shows a histogram's sum and count but not its buckets.
/// </summary>
internal sealed class ColdStartTally
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Function, string Runtime), (long[] Counts, double Sum)> _histograms = [];

    public void Observe(string function, string runtime, double seconds)
    {
        var bucket = 0;
        while (bucket < GatewayMetrics.SecondsBuckets.Count && seconds > GatewayMetrics.SecondsBuckets[bucket])
        {
            bucket++;
        }

        lock (_gate)
        {
            var (counts, sum) = _histograms.GetValueOrDefault((function, runtime), (new long[GatewayMetrics.SecondsBuckets.Count + 1], 0));
            counts[bucket]++;
            _histograms[(function, runtime)] = (counts, sum + seconds);
        }
    }

    /// <summary>Every function and runtime seen so far, by function then runtime.</summary>
    public IReadOnlyList<ColdStartHistogram> Snapshot()
    {
        lock (_gate)
        {
            return [.. _histograms
                .OrderBy(h => h.Key.Function, StringComparer.Ordinal)
                .ThenBy(h => h.Key.Runtime, StringComparer.Ordinal)
                .Select(h => new ColdStartHistogram(h.Key.Function, h.Key.Runtime, [.. h.Value.Counts], h.Value.Counts.Sum(), h.Value.Sum))];
        }
    }
}
