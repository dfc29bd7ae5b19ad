using System.Globalization;
using Prometheus;

namespace Flint.Gateway.Metrics;

/// <summary>
/// The gateway's Prometheus metrics, in a registry of its own (several gateways may share a
/// process): invocations, cold-start phases (by runtime; the wait for a ready instance also by
/// function) and request durations as they happen; instance and
/// queue gauges set from the scaler and the queue just before each scrape.
/// </summary>
internal sealed class GatewayMetrics
{
    /// <summary>Upper bounds in seconds, from sub-millisecond snapshot restores to slow container boots.</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter _invocations;
    private readonly Histogram _coldStarts;
    private readonly Histogram _functionColdStarts;
    private readonly ColdStartTally _functionColdStartTally = new();
    private readonly Histogram _requestDurations;
    private readonly Gauge _instances;
    private readonly Gauge _instanceStates;
    private readonly Gauge _asyncQueueLength;

    public GatewayMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        var seconds = new HistogramConfiguration { Buckets = [.. SecondsBuckets] };
        _invocations = factory.CreateCounter(
            "flint_invocations_total", "Function invocations by HTTP status.", ["function", "status"]);
        _coldStarts = factory.CreateHistogram(
            "flint_cold_start_seconds", "Time from a cold-started request's arrival to each phase, by runtime and phase.", ["runtime", "phase"], seconds);
        _functionColdStarts = factory.CreateHistogram(
            "flint_function_cold_start_seconds", "Time from a cold-started request's arrival until an instance was ready for it, by function and runtime.", ["function", "runtime"], seconds);
        _requestDurations = factory.CreateHistogram(
            "flint_request_duration_seconds", "Time from a request's arrival at /function/{name} to its response's end, by function.", ["function"], seconds);
        _instances = factory.CreateGauge(
            "flint_instances", "Live instances (starting, serving or idle) by function and runtime.", ["function", "runtime"]);
        _instanceStates = factory.CreateGauge(
            "flint_instances_by_state", "Live instances by runtime and state (starting, busy, idle).", ["runtime", "state"]);
        _asyncQueueLength = factory.CreateGauge(
            "flint_async_queue_length", "Asynchronous calls waiting for a worker.");
    }

    /// <summary>This gateway's metrics, exposed on /metrics.</summary>
    public CollectorRegistry Registry { get; }

    public void CountInvocation(string function, int status) =>
        _invocations.WithLabels(function, status.ToString(CultureInfo.InvariantCulture)).Inc();

    /// <summary>How many times <paramref name="function"/> was invoked since the gateway started, whatever the answer.</summary>
    public long InvocationCount(string function) =>
        (long)_invocations.GetAllLabelValues()
            .Where(labels => labels[0] == function)
            .Sum(labels => _invocations.WithLabels(labels).Value);

    /// <summary>Records when, after the request arrived, a cold-started request reached a phase.</summary>
    public void ObserveColdStart(string runtime, string phase, TimeSpan sinceArrival) =>
        _coldStarts.WithLabels(runtime, phase).Observe(sinceArrival.TotalSeconds);

    /// <summary>Records how long, after the request arrived, a cold-started request waited for its instance of <paramref name="function"/> to be ready.</summary>
    public void ObserveFunctionColdStart(string function, string runtime, TimeSpan sinceArrival)
    {
        _functionColdStarts.WithLabels(function, runtime).Observe(sinceArrival.TotalSeconds);
        _functionColdStartTally.Observe(function, runtime, sinceArrival.TotalSeconds);
    }

    /// <summary>The per-function cold-start histogram as it stands, bucket by bucket.</summary>
    public IReadOnlyList<ColdStartHistogram> FunctionColdStarts() => _functionColdStartTally.Snapshot();

    /// <summary>Records how long a request to <paramref name="function"/> took, from arrival to the end of its response.</summary>
    public void ObserveRequest(string function, TimeSpan duration) =>
        _requestDurations.WithLabels(function).Observe(duration.TotalSeconds);

    /// <summary>Sets the gauges to what the scaler and the queue hold now; label sets no longer present go.</summary>
    public void SetGauges(
        IEnumerable<(string Function, string Runtime, int Instances)> instances,
        IEnumerable<(string Runtime, string State, int Instances)> states,
        int asyncQueueLength)
    {
        Replace(_instances, instances.Select(i => (new[] { i.Function, i.Runtime }, i.Instances)));
        Replace(_instanceStates, states.Select(s => (new[] { s.Runtime, s.State }, s.Instances)));
        _asyncQueueLength.Set(asyncQueueLength);
    }

    private static void Replace(Gauge gauge, IEnumerable<(string[] Labels, int Value)> samples)
    {
        var current = samples.ToDictionary(s => string.Join('\0', s.Labels), StringComparer.Ordinal);
        foreach (var labels in gauge.GetAllLabelValues().ToList())
        {
            if (!current.ContainsKey(string.Join('\0', labels)))
            {
                gauge.RemoveLabelled(labels);
            }
        }

        foreach (var (labels, value) in current.Values)
        {
            gauge.WithLabels(labels).Set(value);
        }
    }
}
