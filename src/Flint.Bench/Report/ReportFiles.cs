namespace Flint.Bench.Report;

/// <summary>The names of the files in a report folder.</summary>
public static class ReportFiles
{
    public const string ColdStartsCsv = "cold-starts.csv";
    public const string SummaryJson = "summary.json";
    public const string Markdown = "report.md";
    public const string CdfChart = "cold-start-cdf.svg";
    public const string PhaseChart = "phases.svg";
    public const string SizeChart = "sizes.svg";
    public const string MemoryChart = "memory.svg";
    public const string DirectStartsCsv = "direct-starts.csv";
    public const string OverheadChart = "overhead.svg";
}
