namespace Flint.Bench.Soak;

/// <summary>Pairs the counters of two snapshots and applies <see cref="SoakBounds"/>.</summary>
public static class SoakComparison
{
    /// <summary>One delta per counter of <paramref name="before"/>; a counter missing after the soak (not readable then) counts as unchanged.</summary>
    public static IReadOnlyList<SoakDelta> Compare(IReadOnlyList<SoakCounter> before, IReadOnlyList<SoakCounter> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var later = after.ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);
        return [.. before.Select(c => new SoakDelta(c.Name, c.Value, later.GetValueOrDefault(c.Name, c.Value), SoakBounds.For(c.Name)))];
    }

    /// <summary>Whether every counter that must return exactly (bound 0) is back to at most where it was.</summary>
    public static bool Settled(IReadOnlyList<SoakCounter> before, IReadOnlyList<SoakCounter> after) =>
        Compare(before, after).All(d => d.Bound != 0 || !d.Exceeded);
}
