using ScottPlot;
using ScottPlot.TickGenerators;

namespace Flint.Bench.Report.Charts;

/// <summary>
/// A log-scale axis for ScottPlot, which plots log10 of the values: this computes the ticks over whole
/// decades covering the data, major ticks labelled with the real values at 1, 2 and 5 times a power of
/// ten, minor ticks at the other integers, and sets them on an axis. When fewer than three of those
/// labels fall within the data's range (it spans less than a decade), every tick is labelled.
/// </summary>
public static class LogAxis
{
    private static readonly int[] MajorMultiples = [1, 2, 5];

    public static IReadOnlyList<LogTick> Ticks(double minValue, double maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxValue, minValue);
        var firstDecade = (int)Math.Floor(Math.Log10(minValue));
        var lastDecade = Math.Max((int)Math.Ceiling(Math.Log10(maxValue)), firstDecade + 1);
        var values = new List<(double Value, bool Major)>();
        for (var decade = firstDecade; decade <= lastDecade; decade++)
        {
            for (var multiple = 1; multiple <= (decade == lastDecade ? 1 : 9); multiple++)
            {
                values.Add((multiple * Math.Pow(10, decade), MajorMultiples.Contains(multiple)));
            }
        }

        var labelAll = values.Count(v => v.Major && v.Value >= minValue && v.Value <= maxValue) < 3;
        return [.. values.Select(v => new LogTick(Math.Log10(v.Value), v.Value, v.Major || labelAll ? Units.Number(v.Value, "0.####") : null))];
    }

    /// <summary>Puts the ticks on <paramref name="axis"/> and limits it to the data's range, padded a little on the log scale.</summary>
    public static void Apply(Plot plot, IXAxis axis, double minValue, double maxValue)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(axis);
        var ticks = Ticks(minValue, maxValue);
        var generator = new NumericManual();
        foreach (var tick in ticks)
        {
            if (tick.Label is { } label)
            {
                generator.AddMajor(tick.Position, label);
            }
            else
            {
                generator.AddMinor(tick.Position);
            }
        }

        axis.TickGenerator = generator;
        var low = Math.Log10(minValue);
        var high = Math.Log10(maxValue);
        var padding = Math.Max((high - low) * 0.05, 0.05);
        plot.Axes.SetLimitsX(low - padding, high + padding, axis);
    }
}
