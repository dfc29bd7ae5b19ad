namespace Flint.Gateway.Ui;

/// <summary>The latest benchmark report as <c>/ui</c> shows it: its folder's name and the addresses of its Markdown and charts.</summary>
internal sealed record BenchReportView(string Name, string Markdown, IReadOnlyList<string> Charts);
