using System.Globalization;
using System.Text;

namespace Flint.Bench.Report.Markdown;

/// <summary><c>report.md</c>: machine, runtimes not measured and why, cold starts, phases, Flint's overhead, sizes, memory, throughput, how to reproduce.</summary>
public static class MarkdownReport
{
    public static string Render(BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Flint benchmark, {result.Machine.Timestamp:yyyy-MM-dd HH:mm:ss} UTC\n\n");
        md.Append("Absolute times drift on shared machines; the ratios between runtimes measured in the same run are the result.\n\n");
        AppendMachine(md, result);
        AppendUnavailable(md, result);
        ColdStartSection.AppendTo(md, result);
        OverheadSection.AppendTo(md, result);
        SizeSection.AppendTo(md, result.Sizes);
        CapacitySection.AppendTo(md, result);
        WarmPathSection.AppendTo(md, result);
        AppendReproduce(md, result.Options);
        return md.ToString();
    }

    private static void AppendMachine(StringBuilder md, BenchResult result)
    {
        var m = result.Machine;
        md.Append("## Machine\n\n");
        var table = new MarkdownTable("what", "value");
        table.AddRow("CPU", m.CpuModel);
        table.AddRow("cores", Units.Number(m.Cores));
        table.AddRow("memory", $"{Units.Mib(m.MemoryBytes)} MiB");
        table.AddRow("kernel", m.Kernel);
        table.AddRow("KVM", m.Kvm);
        table.AddRow("crun", m.CrunVersion ?? "not installed");
        table.AddRow("runc", m.RuncVersion ?? "not installed");
        table.AddRow("docker", m.DockerVersion ?? "not installed");
        table.AddRow(".NET", m.DotnetVersion);
        table.AddRow("mode", result.Options.Quick ? "quick" : "full");
        table.AppendTo(md);
    }

    private static void AppendUnavailable(StringBuilder md, BenchResult result)
    {
        md.Append("## Runtimes not measured\n\n");
        if (result.Unavailable.Count == 0)
        {
            md.Append("None: every runtime asked for was measured.\n\n");
            return;
        }

        var table = new MarkdownTable("runtime", "reason");
        foreach (var runtime in result.Unavailable)
        {
            table.AddRow(runtime.Name, runtime.Reason);
        }

        table.AppendTo(md);
    }

    private static void AppendReproduce(StringBuilder md, BenchOptions o)
    {
        md.Append("## How to reproduce\n\n")
          .Append("Build the hello function (`flint build functions/hello`), then run `flint bench` with the same settings")
          .Append(o.Quick ? " (`--quick`)" : "").Append(":\n\n");
        var table = new MarkdownTable("setting", "value");
        table.AddRow("runtimes", o.Runtimes.Count == 0 ? "all the gateway lists" : string.Join(", ", o.Runtimes));
        table.AddRow("cold-start requests per runtime", Units.Number(o.Requests));
        table.AddRow("warm-up starts per runtime", $"up to {Units.Number(o.Warmup)}, {Units.Number(ColdStart.ColdStartRunner.WarmupLimit.TotalSeconds)} s at most per runtime");
        table.AddRow("idle instances for memory (K)", Units.Number(o.MemoryInstances));
        table.AddRow("throughput", $"{Units.Number(o.ThroughputConnections)} connections for {Units.Number(o.ThroughputSeconds)} s");
        table.AddRow("typical .NET container row", o.IncludeTypicalContainer ? "yes" : "no");
        table.AppendTo(md);
        md.Append($"Raw data: `{ReportFiles.ColdStartsCsv}` (one row per request) and `{ReportFiles.SummaryJson}`.\n");
    }
}
