using System.Globalization;
using Flint.Bench.Report.Charts;
using Flint.Bench.Report.Markdown;

namespace Flint.Bench.Report;

/// <summary>Writes a run's report folder, <c>&lt;root&gt;/&lt;timestamp&gt;/</c>: CSV, JSON, Markdown and SVG charts.</summary>
public static class ReportWriter
{
    public static async Task<string> WriteAsync(BenchResult result, string outputRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var directory = NewDirectory(outputRoot, result.Machine.Timestamp);
        using (var csv = new StreamWriter(Path.Combine(directory, ReportFiles.ColdStartsCsv)))
        {
            ColdStartCsv.Write(result.Samples, csv);
        }

        if (result.DirectSamples.Count > 0)
        {
            using var direct = new StreamWriter(Path.Combine(directory, ReportFiles.DirectStartsCsv));
            ColdStartCsv.Write(result.DirectSamples, direct);
        }

        await Write(directory, ReportFiles.SummaryJson, SummaryJson.Serialize(result), cancellationToken).ConfigureAwait(false);
        await Write(directory, ReportFiles.Markdown, MarkdownReport.Render(result), cancellationToken).ConfigureAwait(false);
        await Write(directory, ReportFiles.CdfChart, CdfChart.Render(result.Samples), cancellationToken).ConfigureAwait(false);
        await Write(directory, ReportFiles.PhaseChart, PhaseChart.Render(result.ColdStarts), cancellationToken).ConfigureAwait(false);
        await Write(directory, ReportFiles.SizeChart, SizeChart.Render(result.Sizes), cancellationToken).ConfigureAwait(false);
        await Write(directory, ReportFiles.MemoryChart, MemoryChart.Render(result.Memory), cancellationToken).ConfigureAwait(false);
        if (result.Overhead.Count > 0)
        {
            await Write(directory, ReportFiles.OverheadChart, OverheadChart.Render(result.Overhead), cancellationToken).ConfigureAwait(false);
        }

        return directory;
    }

    private static string NewDirectory(string outputRoot, DateTimeOffset timestamp)
    {
        var name = timestamp.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = Path.GetFullPath(Path.Combine(outputRoot, name));
        for (var n = 2; Directory.Exists(path); n++)
        {
            path = Path.GetFullPath(Path.Combine(outputRoot, $"{name}-{n}"));
        }

        Directory.CreateDirectory(path);
        return path;
    }

    private static Task Write(string directory, string file, string text, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(Path.Combine(directory, file), text, cancellationToken);
}
