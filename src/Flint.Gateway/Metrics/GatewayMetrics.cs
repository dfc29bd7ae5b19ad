using System.Collections.Concurrent;
using System.Globalization;

namespace Flint.Gateway.Metrics;

/// <summary>Invocation counters and the cold-start histogram the gateway exposes on /metrics.</summary>
internal sealed class GatewayMetrics
{
    private readonly ConcurrentDictionary<(string Function, int Status), long[]> _invocations = new();
    private readonly ConcurrentDictionary<(string Runtime, string Phase), Histogram> _coldStarts = new();

    public void CountInvocation(string function, int status) =>
        Interlocked.Increment(ref _invocations.GetOrAdd((function, status), _ => new long[1])[0]);

    /// <summary>How many times <paramref name="function"/> was invoked since the gateway started, whatever the answer.</summary>
    public long InvocationCount(string function) =>
        _invocations.Where(i => i.Key.Function == function).Sum(i => Interlocked.Read(ref i.Value[0]));

    /// <summary>Records when, after the request arrived, a cold-started request reached a phase.</summary>
    public void ObserveColdStart(string runtime, string phase, TimeSpan sinceArrival) =>
        _coldStarts.GetOrAdd((runtime, phase), _ => new Histogram()).Observe(sinceArrival.TotalSeconds);

    public void Write(PrometheusText text)
    {
        text.Header("flint_invocations_total", "counter", "Function invocations by HTTP status.");
        foreach (var ((function, status), count) in _invocations.OrderBy(i => i.Key))
        {
            text.Sample("flint_invocations_total", [("function", function), ("status", status.ToString(CultureInfo.InvariantCulture))], Interlocked.Read(ref count[0]));
        }

        text.Header("flint_cold_start_seconds", "histogram", "Time from a cold-started request's arrival to each phase, by runtime and phase.");
        foreach (var ((runtime, phase), histogram) in _coldStarts.OrderBy(h => h.Key))
        {
            var (cumulative, count, sum) = histogram.Snapshot();
            for (var i = 0; i < cumulative.Length; i++)
            {
                var bound = Histogram.SecondsBuckets[i].ToString("R", CultureInfo.InvariantCulture);
                text.Sample("flint_cold_start_seconds_bucket", [("runtime", runtime), ("phase", phase), ("le", bound)], cumulative[i]);
            }

            text.Sample("flint_cold_start_seconds_bucket", [("runtime", runtime), ("phase", phase), ("le", "+Inf")], count);
            text.Sample("flint_cold_start_seconds_sum", [("runtime", runtime), ("phase", phase)], sum);
            text.Sample("flint_cold_start_seconds_count", [("runtime", runtime), ("phase", phase)], count);
        }
    }
}
