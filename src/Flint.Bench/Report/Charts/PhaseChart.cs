using Flint.Bench.ColdStart;
using ScottPlot;

namespace Flint.Bench.Report.Charts;

/// <summary>One stacked bar per runtime: the median time spent in each phase, in phase order.</summary>
public static class PhaseChart
{
    public static string Render(IReadOnlyList<ColdStartSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var names = summaries.SelectMany(s => s.Phases.Select(p => p.Name)).Distinct().ToList();
        var plot = ChartStyle.NewPlot("Cold start: median time per phase", names.Count > 0);
        plot.YLabel("ms (median of each phase)");
        var bars = new List<Bar>();
        for (var i = 0; i < summaries.Count; i++)
        {
            var top = 0.0;
            foreach (var phase in summaries[i].Phases)
            {
                var duration = Math.Max(phase.MedianDurationMilliseconds, 0);
                bars.Add(new Bar { Position = i, ValueBase = top, Value = top + duration, FillColor = ChartStyle.ColorAt(names.IndexOf(phase.Name)) });
                top += duration;
            }
        }

        if (names.Count > 0)
        {
            plot.Add.Bars(bars);
            for (var n = 0; n < names.Count; n++)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = names[n], FillColor = ChartStyle.ColorAt(n) });
            }

            plot.ShowLegend(Alignment.UpperLeft);
            plot.Axes.Margins(bottom: 0);
        }

        ChartStyle.LabelCategories(plot, [.. summaries.Select(s => s.Runtime)]);
        return ChartStyle.ToSvg(plot);
    }
}
