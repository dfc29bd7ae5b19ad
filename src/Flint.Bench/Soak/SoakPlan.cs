namespace Flint.Bench.Soak;

/// <summary>How many cold starts a soak sends per runtime, after how many warm-up starts, how many at once, and to which path.</summary>
public sealed record SoakPlan(int Starts, int Warmup, int Concurrency, string Path = "/")
{
    public const int DefaultStarts = 10_000;
    public const int DefaultConcurrency = 2;

    /// <summary>Warm-up starts: enough for the JIT's tiering, the thread pool and the connection pools to reach their working size.</summary>
    public static int WarmupFor(int starts) => Math.Clamp(starts / 4, 50, 500);
}
