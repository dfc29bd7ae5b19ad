namespace Flint.Bench.Statistics;

/// <summary>The usual description of a sample of durations (milliseconds): percentiles, extremes and mean.</summary>
public sealed record DistributionSummary(int Count, double Median, double P95, double P99, double Min, double Max, double Mean)
{
    /// <summary>Summarizes the values, or returns null when there are none.</summary>
    public static DistributionSummary? Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        return new DistributionSummary(
            sorted.Length,
            Percentiles.Of(sorted, 0.5),
            Percentiles.Of(sorted, 0.95),
            Percentiles.Of(sorted, 0.99),
            sorted[0],
            sorted[^1],
            sorted.Average());
    }
}
