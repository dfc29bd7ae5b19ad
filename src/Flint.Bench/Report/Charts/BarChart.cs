using ScottPlot;

namespace Flint.Bench.Report.Charts;

/// <summary>A plain bar chart with one labelled bar per item, the value printed on each bar.</summary>
public static class BarChart
{
    public static string Render(string title, string valueLabel, IReadOnlyList<(string Name, double Value)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var plot = ChartStyle.NewPlot(title, items.Count > 0);
        plot.YLabel(valueLabel);
        if (items.Count > 0)
        {
            var bars = items.Select((item, i) => new Bar
            {
                Position = i,
                Value = item.Value,
                FillColor = ChartStyle.ColorAt(i),
                Label = Units.Number(item.Value, "0.00"),
            }).ToList();
            plot.Add.Bars(bars);
            plot.Axes.Margins(bottom: 0);
        }

        ChartStyle.LabelCategories(plot, [.. items.Select(i => i.Name)]);
        return ChartStyle.ToSvg(plot);
    }
}
