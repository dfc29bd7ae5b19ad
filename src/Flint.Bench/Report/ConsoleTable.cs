using System.Text;

namespace Flint.Bench.Report;

/// <summary>The short plain-text cold-start table printed at the end of a run.</summary>
public static class ConsoleTable
{
    private static readonly string[] Headers = ["runtime", "n", "failures", "median ms", "p95 ms", "p99 ms", "warm ms", "added ms", "vs process", "vs crun", "vs vm"];

    public static string Render(BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<string[]> { Headers };
        rows.AddRange(result.ColdStarts.Select(s => new[]
        {
            result.Label(s.Runtime), Units.Number(s.Total?.Count ?? 0), Units.Number(s.Failures), Units.Milliseconds(s.Total?.Median),
            Units.Milliseconds(s.Total?.P95), Units.Milliseconds(s.Total?.P99), Units.Milliseconds(s.WarmMedian), Units.Milliseconds(s.AddedOverWarm),
            Units.Ratio(s.RatioToProcess), Units.Ratio(s.RatioToCrun), Units.Ratio(s.RatioToVm),
        }));
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder("Cold starts (client-side, single-use):\n");
        foreach (var row in rows)
        {
            text.AppendJoin("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).Append('\n');
        }

        foreach (var o in result.Overhead)
        {
            text.Append($"{o.Runtime}: direct ({o.Command}) {Units.Milliseconds(o.Direct?.Median)} ms, through Flint {Units.Milliseconds(o.ThroughFlint?.Median)} ms: ")
                .Append($"overhead {Units.Milliseconds(o.OverheadMilliseconds)} ms, {Units.Ratio(o.Ratio)}\n");
        }

        foreach (var runtime in result.Unavailable)
        {
            text.Append($"not measured: {runtime.Name}: {runtime.Reason}\n");
        }

        return text.ToString();
    }
}
