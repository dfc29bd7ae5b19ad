namespace Flint.Gateway.Metrics;

/// <summary>A Prometheus-style histogram: cumulative bucket counts, sum and count, thread-safe.</summary>
internal sealed class Histogram
{
    /// <summary>Upper bounds in seconds, from sub-millisecond snapshot restores to slow container boots.</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly long[] _counts = new long[SecondsBuckets.Count];
    private long _count;
    private double _sum;

    public void Observe(double value)
    {
        lock (_counts)
        {
            for (var i = 0; i < _counts.Length; i++)
            {
                if (value <= SecondsBuckets[i])
                {
                    _counts[i]++;
                }
            }

            _count++;
            _sum += value;
        }
    }

    /// <summary>Cumulative counts per bucket (same order as <see cref="SecondsBuckets"/>), total count, sum.</summary>
    public (long[] Cumulative, long Count, double Sum) Snapshot()
    {
        lock (_counts)
        {
            return ([.. _counts], _count, _sum);
        }
    }
}
