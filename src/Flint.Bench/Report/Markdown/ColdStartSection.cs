using System.Text;
using Flint.Bench.ColdStart;

namespace Flint.Bench.Report.Markdown;

/// <summary>The cold-start table (client-side totals) and the phase breakdown of medians.</summary>
internal static class ColdStartSection
{
    public static void AppendTo(StringBuilder md, BenchResult result)
    {
        md.Append("## Cold starts\n\n");
        if (result.ColdStarts.Count == 0)
        {
            md.Append("Not measured.\n\n");
            return;
        }

        md.Append("Client-side time from sending the request to the last byte of the response (one blocking socket kept alive to the ")
          .Append("gateway, the same client that times the direct starts), single-use functions, ")
          .Append("sequential requests interleaved across runtimes. Milliseconds over successful requests; percentiles by ")
          .Append("linear interpolation between closest ranks. Ratios are of medians in this run. `warm` is the median of ")
          .Append("sequential requests to a keep-warm instance of the same runtime that is already up; `added` is what starting an ")
          .Append("instance adds to a request: the cold median less the warm one.\n\n");
        var table = new MarkdownTable("runtime", "n", "failures", "median", "p95", "p99", "min", "max", "mean", "warm", "added", "vs process", "vs crun", "vs vm");
        foreach (var s in result.ColdStarts)
        {
            var t = s.Total;
            table.AddRow(result.Label(s.Runtime), Units.Number(t?.Count ?? 0), $"{s.Failures} of {s.Requests}", Units.Milliseconds(t?.Median), Units.Milliseconds(t?.P95),
                Units.Milliseconds(t?.P99), Units.Milliseconds(t?.Min), Units.Milliseconds(t?.Max), Units.Milliseconds(t?.Mean), Units.Milliseconds(s.WarmMedian), Units.Milliseconds(s.AddedOverWarm),
                Units.Ratio(s.RatioToProcess), Units.Ratio(s.RatioToCrun), Units.Ratio(s.RatioToVm));
        }

        table.AppendTo(md);
        foreach (var s in result.ColdStarts.Where(s => s.WarmResponses > 0))
        {
            md.Append($"Note: {s.WarmResponses} responses of {s.Runtime} were marked as not cold by the gateway.\n\n");
        }

        md.Append($"![Cold-start CDF]({ReportFiles.CdfChart})\n\n");
        AppendPhases(md, result.ColdStarts);
    }

    private static void AppendPhases(StringBuilder md, IReadOnlyList<ColdStartSummary> summaries)
    {
        var names = summaries.SelectMany(s => s.Phases.Select(p => p.Name)).Distinct().ToList();
        md.Append("### Phase breakdown (medians)\n\n");
        if (names.Count == 0)
        {
            md.Append("The gateway reported no phases (no X-Flint-Phases header).\n\n");
            return;
        }

        md.Append("Each cell: median time since the previous phase, in ms (median offset from arrival at the gateway in brackets). ")
          .Append($"`{ColdStartAnalysis.ClientSegment}` is the gateway's last phase to the client's last byte.\n\n");
        var table = new MarkdownTable(["runtime", .. names]);
        foreach (var s in summaries)
        {
            table.AddRow([s.Runtime, .. names.Select(n => s.Phases.FirstOrDefault(p => p.Name == n) is { } p
                ? $"{Units.Milliseconds(p.MedianDurationMilliseconds)} ({Units.Milliseconds(p.MedianOffsetMilliseconds)})"
                : null)]);
        }

        table.AppendTo(md);
        md.Append($"![Phase breakdown]({ReportFiles.PhaseChart})\n\n");
    }
}
