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
    string? Error);
