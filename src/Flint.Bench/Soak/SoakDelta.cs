namespace Flint.Bench.Soak;

/// <summary>A counter before and after the soak, with the growth its bound allows.</summary>
public sealed record SoakDelta(string Name, long Before, long After, long Bound)
{
    public long Growth => After - Before;

    public bool Exceeded => Growth > Bound;
}
