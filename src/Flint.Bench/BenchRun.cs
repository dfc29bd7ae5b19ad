namespace Flint.Bench;

/// <summary>A finished run: its result and the folder the report was written to.</summary>
public sealed record BenchRun(BenchResult Result, string ReportDirectory);
