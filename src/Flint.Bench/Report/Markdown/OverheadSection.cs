using System.Text;

namespace Flint.Bench.Report.Markdown;

/// <summary>Flint's overhead: each runtime's cold start through Flint against the same image started directly by the runtime's own command line.</summary>
internal static class OverheadSection
{
    public static void AppendTo(StringBuilder md, BenchResult result)
    {
        md.Append("## Flint's overhead: direct vs through Flint\n\n");
        if (result.Overhead.Count == 0)
        {
            md.Append("Not measured (no runtime could be started directly, or no cold starts were run).\n\n");
            return;
        }

        md.Append("`direct`: the same image started by the runtime's own command line with the same isolation, with no gateway and no ")
          .Append("readiness wait, timed by the client from launching the command to the last byte of the first response; the client ")
          .Append("connects to the instance's port every 0.1 ms until it accepts, then sends one `GET`. Containers get the bundle Flint ")
          .Append("would write (same read-only rootfs, namespaces, cgroup, mounts), prepared before the clock starts; `process` runs ")
          .Append("through `flint-exec`, which enters a sandbox (uid, cgroup, working directory) before the clock starts and holds ")
          .Append("(`--hold`) until the clock starts, then execs the function, as Flint's process runtime prepares its starts; a VM is run by the ")
          .Append("monitor in the benchmark's process, handed a listening socket as the runtime hands it one. `through Flint`: the ")
          .Append("cold starts above. Each direct start follows a start through Flint of the same runtime, so both see the same machine. ")
          .Append($"Milliseconds over successful requests; overhead is the difference of medians, ratio their quotient. Raw data: `{ReportFiles.DirectStartsCsv}`.\n\n");
        var table = new MarkdownTable("runtime", "direct command", "n", "failures", "direct median", "direct p95", "through Flint median", "through Flint p95", "overhead", "ratio");
        foreach (var s in result.Overhead)
        {
            table.AddRow(result.Label(s.Runtime), $"`{s.Command}`", Units.Number(s.Direct?.Count ?? 0), Units.Number(s.DirectFailures), Units.Milliseconds(s.Direct?.Median),
                Units.Milliseconds(s.Direct?.P95), Units.Milliseconds(s.ThroughFlint?.Median), Units.Milliseconds(s.ThroughFlint?.P95),
                s.OverheadMilliseconds is { } ms ? $"{Units.Milliseconds(ms)} ms" : null, Units.Ratio(s.Ratio));
        }

        table.AppendTo(md);
        md.Append($"![Direct vs through Flint]({ReportFiles.OverheadChart})\n\n");
    }
}
