using System.Text;

namespace Flint.Bench.Report.Markdown;

/// <summary>A GitHub-flavoured Markdown table; cells are escaped (pipes, line breaks) and null shows as "-".</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void AddRow(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row needs {headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add([.. cells.Select(Escape)]);
    }

    public void AppendTo(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("| ").AppendJoin(" | ", headers).Append(" |\n");
        builder.Append('|').AppendJoin("|", headers.Select(_ => "---")).Append("|\n");
        foreach (var row in _rows)
        {
            builder.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        }

        builder.Append('\n');
    }

    private static string Escape(string? cell) =>
        string.IsNullOrEmpty(cell) ? "-" : cell.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
