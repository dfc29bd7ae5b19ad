namespace Flint.Bench.Throughput;

/// <summary>What one <c>wrk</c> run reports: requests, duration, rate, latency percentiles (ms) and errors.</summary>
public sealed record WrkResult(
    long Requests,
    double Seconds,
    double RequestsPerSecond,
    double? P50Milliseconds,
    double? P99Milliseconds,
    long SocketErrors,
    long Non2xxResponses);
