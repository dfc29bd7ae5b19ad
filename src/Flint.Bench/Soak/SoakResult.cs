namespace Flint.Bench.Soak;

/// <summary>
/// One runtime's soak: how many cold starts ran, how many did not answer 200 (and the first such
/// answer), the counters before and after, or why the runtime could not be soaked at all.
/// </summary>
public sealed record SoakResult(string Runtime, int Starts, int Failures, string? FirstFailure, TimeSpan Elapsed, IReadOnlyList<SoakDelta> Deltas, string? Error = null)
{
    public bool Passed => Error is null && Failures == 0 && !Deltas.Any(d => d.Exceeded);

    public static SoakResult NotRun(string runtime, string reason) => new(runtime, 0, 0, null, TimeSpan.Zero, [], reason);
}
