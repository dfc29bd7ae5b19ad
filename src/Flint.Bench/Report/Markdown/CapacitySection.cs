using System.Text;

namespace Flint.Bench.Report.Markdown;

/// <summary>Memory per idle instance and warm throughput.</summary>
internal static class CapacitySection
{
    public static void AppendTo(StringBuilder md, BenchResult result)
    {
        md.Append("## Memory per idle instance\n\n");
        if (result.Memory.Count == 0)
        {
            md.Append("Not measured.\n\n");
        }
        else
        {
            md.Append("Drop in host MemAvailable after starting K idle instances, divided by the number started. `PSS` is the ")
              .Append("growth of the benchmark process's proportional set size per instance: the whole cost of an in-process Flint VM ")
              .Append("(pages it owns, shared snapshot pages in proportion, monitor structures); near zero where instances are other processes.\n\n");
            var memory = new MarkdownTable("runtime", "K", "started", "MiB per instance", "PSS MiB per instance", "MemAvailable before (MiB)", "after (MiB)", "error");
            foreach (var m in result.Memory)
            {
                memory.AddRow(m.Runtime, Units.Number(m.Requested), Units.Number(m.Started), Units.Mib(m.BytesPerInstance), Units.Mib(m.ProcessPssBytesPerInstance),
                    Units.Mib(m.AvailableBeforeBytes), Units.Mib(m.AvailableAfterBytes), m.Error);
            }

            memory.AppendTo(md);
            md.Append($"![Memory per instance]({ReportFiles.MemoryChart})\n\n");
        }

        if (result.Density is { } d)
        {
            md.Append("## Density\n\n")
              .Append($"{Units.Number(d.Requested)} idle `{d.Runtime}` instances started one after another and kept up together.\n\n");
            var density = new MarkdownTable("runtime", "K", "started", "seconds", "starts/s", "MiB per instance", "PSS MiB per instance", "error");
            density.AddRow(result.Label(d.Runtime), Units.Number(d.Requested), Units.Number(d.Started), d.StartSeconds is { } seconds ? Units.Number(seconds, "0.0") : "-",
                d.StartsPerSecond is { } rate ? Units.Number(rate, "0") : "-", Units.Mib(d.BytesPerInstance), Units.Mib(d.ProcessPssBytesPerInstance), d.Error);
            density.AppendTo(md);
        }

        md.Append("## Warm throughput\n\n");
        if (result.Throughput.Count == 0)
        {
            md.Append("Not measured.\n\n");
            return;
        }

        md.Append("Keep-warm function, closed-loop load over keep-alive connections on loopback; latencies in ms.\n\n");
        var throughput = new MarkdownTable("runtime", "connections", "seconds", "requests", "errors", "requests/s", "p50", "p99", "error");
        foreach (var t in result.Throughput)
        {
            throughput.AddRow(t.Runtime, Units.Number(t.Connections), Units.Number(t.Seconds, "0.0"), Units.Number(t.Requests), Units.Number(t.Errors),
                Units.Number(t.RequestsPerSecond, "0"), Units.Milliseconds(t.P50Milliseconds), Units.Milliseconds(t.P99Milliseconds), t.Error);
        }

        throughput.AppendTo(md);
    }
}
