namespace Flint.Bench.Report;

/// <summary>RFC 4180 fields: quoted when they hold a comma, quote, CR or LF; quotes doubled.</summary>
public static class Csv
{
    public static string Escape(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return "";
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    public static string Line(IEnumerable<string?> fields) => string.Join(",", fields.Select(Escape));
}
