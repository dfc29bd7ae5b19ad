namespace Flint.Bench.Statistics;

/// <summary>
/// Percentiles by linear interpolation between closest ranks (Hyndman and Fan type 7, the method of
/// Excel's PERCENTILE.INC and NumPy's default): for sorted values x[0..n-1] and p in [0, 1], the rank
/// h = (n - 1) p, and the result is x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
/// </summary>
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sortedValues, double p)
    {
        ArgumentNullException.ThrowIfNull(sortedValues);
        if (sortedValues.Count == 0)
        {
            throw new ArgumentException("no values", nameof(sortedValues));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var rank = (sortedValues.Count - 1) * p;
        var lower = (int)Math.Floor(rank);
        if (lower >= sortedValues.Count - 1)
        {
            return sortedValues[^1];
        }

        var fraction = rank - lower;
        return sortedValues[lower] + (fraction * (sortedValues[lower + 1] - sortedValues[lower]));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return Of(sorted, 0.5);
    }
}
