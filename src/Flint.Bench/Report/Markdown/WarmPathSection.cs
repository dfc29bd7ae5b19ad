using System.Text;
using Flint.Bench.Throughput;

namespace Flint.Bench.Report.Markdown;

/// <summary>The warm path under <c>wrk</c>: each runtime's keep-warm instance through the gateway against one loaded straight on its port.</summary>
internal static class WarmPathSection
{
    public static void AppendTo(StringBuilder md, BenchResult result)
    {
        var paths = result.Throughput.Where(t => t.Wrk is not null).Select(t => t.Wrk!).ToList();
        if (paths.Count == 0)
        {
            return;
        }

        md.Append("### Warm path under wrk: through Flint vs direct\n\n");
        if (paths.All(p => p.Error == WrkRunner.Missing))
        {
            md.Append($"Not measured: {WrkRunner.Missing}.\n\n");
            return;
        }

        md.Append("`wrk --latency`, one thread, keep-alive connections on loopback. `through Flint`: the keep-warm function above ")
          .Append("through the gateway; `direct`: an instance the runtime's own command line started, loaded on its own port. ")
          .Append("Latencies in ms; `overhead` is the through-Flint p50 less the direct one.\n\n");
        var table = new MarkdownTable("runtime", "connections", "through Flint requests/s", "p50", "p99", "direct requests/s", "p50", "p99", "overhead p50", "errors", "note");
        foreach (var p in paths)
        {
            table.AddRow(result.Label(p.Runtime), Units.Number(p.Connections), Rate(p.ThroughFlint), Units.Milliseconds(p.ThroughFlint?.P50Milliseconds),
                Units.Milliseconds(p.ThroughFlint?.P99Milliseconds), Rate(p.Direct), Units.Milliseconds(p.Direct?.P50Milliseconds), Units.Milliseconds(p.Direct?.P99Milliseconds),
                Units.Milliseconds(p.ThroughFlint?.P50Milliseconds - p.Direct?.P50Milliseconds), Errors(p), p.Error);
        }

        table.AppendTo(md);
    }

    private static string Rate(WrkResult? result) => result is null ? "-" : Units.Number(result.RequestsPerSecond, "0");

    private static string Errors(WarmPath path) =>
        Units.Number((path.ThroughFlint?.SocketErrors ?? 0) + (path.ThroughFlint?.Non2xxResponses ?? 0) + (path.Direct?.SocketErrors ?? 0) + (path.Direct?.Non2xxResponses ?? 0));
}
