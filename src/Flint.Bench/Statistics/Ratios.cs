namespace Flint.Bench.Statistics;

/// <summary>Ratios of medians, the result that survives drift on a shared machine.</summary>
public static class Ratios
{
    /// <summary><paramref name="median"/> / <paramref name="baselineMedian"/>; null when either is missing or the baseline is not positive.</summary>
    public static double? OfMedians(double? median, double? baselineMedian) =>
        median is { } value && baselineMedian is { } baseline && baseline > 0 ? value / baseline : null;
}
