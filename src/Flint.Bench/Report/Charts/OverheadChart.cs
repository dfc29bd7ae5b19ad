using Flint.Bench.Direct;
using ScottPlot;

namespace Flint.Bench.Report.Charts;

/// <summary>
/// Two bars per runtime: the median cold start of the image started directly by the runtime's own command
/// line, and through Flint; each runtime labelled with Flint's overhead (ms and ratio of medians).
/// </summary>
public static class OverheadChart
{
    public const string DirectLegend = "direct (runtime's own command)";
    public const string FlintLegend = "through Flint";

    public static string Render(IReadOnlyList<OverheadSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var measured = summaries.Where(s => s.Direct is not null && s.ThroughFlint is not null).ToList();
        var plot = ChartStyle.NewPlot("Cold start: direct vs through Flint (medians)", measured.Count > 0);
        plot.YLabel("ms (median, client-side)");
        if (measured.Count > 0)
        {
            var bars = new List<Bar>();
            for (var i = 0; i < measured.Count; i++)
            {
                bars.Add(Bar(i - 0.2, measured[i].Direct!.Median, 0));
                bars.Add(Bar(i + 0.2, measured[i].ThroughFlint!.Median, 1));
            }

            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = DirectLegend, FillColor = ChartStyle.ColorAt(0) });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = FlintLegend, FillColor = ChartStyle.ColorAt(1) });
            plot.ShowLegend(Alignment.UpperLeft);
            plot.Axes.Margins(bottom: 0);
        }

        ChartStyle.LabelCategories(plot, [.. measured.Select(Category)]);
        return ChartStyle.ToSvg(plot);
    }

    /// <summary>The runtime's label: its name, and Flint's overhead in ms and as a ratio.</summary>
    public static string Category(OverheadSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var sign = summary.OverheadMilliseconds >= 0 ? "+" : "";
        return $"{summary.Runtime} ({sign}{Units.Milliseconds(summary.OverheadMilliseconds)} ms, {Units.Ratio(summary.Ratio)})";
    }

    private static Bar Bar(double position, double value, int color) => new()
    {
        Position = position,
        Value = value,
        Size = 0.4,
        FillColor = ChartStyle.ColorAt(color),
        Label = Units.Number(value, "0.0"),
    };
}
