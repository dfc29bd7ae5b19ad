using System.Globalization;
using System.Text.RegularExpressions;

namespace Flint.Gateway.Ui;

/// <summary>
/// The newest benchmark report under <see cref="GatewayOptions.BenchResultsDirectory"/>. <c>flint bench</c>
/// writes each run to <c>&lt;root&gt;/&lt;yyyyMMdd-HHmmss&gt;[-n]/</c>; the newest such folder holding a
/// <c>report.md</c> is the latest. Of it, only <c>report.md</c> and the <c>.svg</c> charts are served.
/// </summary>
internal sealed partial class BenchReports
{
    public const string MarkdownFile = "report.md";
    public const string UrlPrefix = "/ui/report/";

    private readonly string? _root;

    public BenchReports(GatewayOptions options) => _root = options.BenchResultsDirectory;

    /// <summary>The latest report as the page links it; null when there is none yet.</summary>
    public BenchReportView? Latest()
    {
        if (LatestDirectory() is not { } directory)
        {
            return null;
        }

        var charts = Served(directory).Where(f => f != MarkdownFile).Select(f => UrlPrefix + f).ToList();
        return new BenchReportView(Path.GetFileName(directory), UrlPrefix + MarkdownFile, charts);
    }

    /// <summary>The full path of <paramref name="file"/> in the latest report; null unless it is one the page may show.</summary>
    public string? Find(string file) =>
        LatestDirectory() is { } directory && Served(directory).Contains(file, StringComparer.Ordinal)
            ? Path.Combine(directory, file)
            : null;

    private string? LatestDirectory()
    {
        if (_root is null || !Directory.Exists(_root))
        {
            return null;
        }

        return Directory.EnumerateDirectories(_root)
            .Select(path => (Path: path, Match: RunFolder().Match(Path.GetFileName(path))))
            .Where(run => run.Match.Success && File.Exists(Path.Combine(run.Path, MarkdownFile)))
            .OrderByDescending(run => run.Match.Groups["time"].Value, StringComparer.Ordinal)
            .ThenByDescending(run => run.Match.Groups["n"].Success ? int.Parse(run.Match.Groups["n"].Value, CultureInfo.InvariantCulture) : 1)
            .Select(run => run.Path)
            .FirstOrDefault();
    }

    private static List<string> Served(string directory) =>
        [.. Directory.EnumerateFiles(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name == MarkdownFile || name.EndsWith(".svg", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^(?<time>[0-9]{8}-[0-9]{6})(-(?<n>[0-9]{1,9}))?$")]
    private static partial Regex RunFolder();
}
