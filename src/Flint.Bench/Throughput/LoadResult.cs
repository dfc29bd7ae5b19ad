namespace Flint.Bench.Throughput;

/// <summary>What the load generator counted: good responses, failures, elapsed time and each good response's latency (ms).</summary>
public sealed record LoadResult(int Completed, int Errors, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMilliseconds);
