namespace Flint.Bench.ColdStart;

/// <summary>
/// One measured request to a single-use function. <see cref="Sequence"/> is its place in the whole
/// interleaved run; <see cref="Status"/> is 0 when no response came (then <see cref="Error"/> says why).
/// </summary>
public sealed record ColdStartSample(
    string Runtime,
    int Iteration,
    int Sequence,
    double TotalMilliseconds,
    int Status,
    bool BodyMatches,
    bool? ColdStart,
    string? Instance,
    string? Error,
    IReadOnlyList<PhaseOffset> Phases)
{
    /// <summary>A 200 with exactly the expected body.</summary>
    public bool Succeeded => Status == 200 && BodyMatches && Error is null;
}
