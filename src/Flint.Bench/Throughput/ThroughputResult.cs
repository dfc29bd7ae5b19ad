namespace Flint.Bench.Throughput;

/// <summary>Warm requests per second for one runtime, with latency percentiles; <see cref="Error"/> when it could not run.</summary>
public sealed record ThroughputResult(
    string Runtime,
    int Connections,
    double Seconds,
    int Requests,
    int Errors,
    double RequestsPerSecond,
    double? P50Milliseconds,
    double? P99Milliseconds,
    string? Error)
{
    /// <summary>The same runtime under <c>wrk</c>, through the gateway and direct to an instance; null when not run.</summary>
    public WarmPath? Wrk { get; init; }
}
