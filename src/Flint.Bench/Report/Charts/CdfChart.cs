using Flint.Bench.ColdStart;
using Flint.Bench.Statistics;
using ScottPlot;

namespace Flint.Bench.Report.Charts;

/// <summary>The empirical CDF of cold-start times per runtime, on a log-scale time axis.</summary>
public static class CdfChart
{
    public static string Render(IReadOnlyList<ColdStartSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var byRuntime = samples.Where(s => s.Succeeded && s.TotalMilliseconds > 0)
            .GroupBy(s => s.Runtime)
            .Select(g => (Runtime: g.Key, Cdf: EmpiricalCdf.Of(g.Select(s => s.TotalMilliseconds))))
            .ToList();
        var plot = ChartStyle.NewPlot("Cold start: empirical CDF per runtime", byRuntime.Count > 0);
        plot.XLabel("client-side cold start, ms (log scale)");
        plot.YLabel("fraction of requests at or below");
        var index = 0;
        foreach (var (runtime, cdf) in byRuntime)
        {
            double[] xs = [Math.Log10(cdf[0].Value), .. cdf.Select(p => Math.Log10(p.Value))];
            double[] ys = [0, .. cdf.Select(p => p.Fraction)];
            var line = plot.Add.Scatter(xs, ys, ChartStyle.ColorAt(index++));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LegendText = runtime;
        }

        if (byRuntime.Count > 0)
        {
            var values = byRuntime.SelectMany(r => r.Cdf.Select(p => p.Value)).ToList();
            LogAxis.Apply(plot, plot.Axes.Bottom, values.Min(), values.Max());
            plot.Axes.SetLimitsY(0, 1.02);
            plot.ShowLegend(Alignment.LowerRight);
        }

        return ChartStyle.ToSvg(plot);
    }
}
