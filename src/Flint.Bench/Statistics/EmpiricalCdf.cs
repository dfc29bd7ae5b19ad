namespace Flint.Bench.Statistics;

/// <summary>
/// The empirical cumulative distribution function: F(x) = (number of values at or below x) / n,
/// given as one point per distinct value, in increasing order.
/// </summary>
public static class EmpiricalCdf
{
    public static IReadOnlyList<CdfPoint> Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var points = new List<CdfPoint>();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i + 1 < sorted.Length && sorted[i + 1] == sorted[i])
            {
                continue;
            }

            points.Add(new CdfPoint(sorted[i], (double)(i + 1) / sorted.Length));
        }

        return points;
    }
}
