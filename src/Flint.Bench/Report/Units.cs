using System.Globalization;

namespace Flint.Bench.Report;

/// <summary>How numbers read in the report: invariant culture, milliseconds, binary megabytes, ratios.</summary>
public static class Units
{
    public const double Mebibyte = 1024 * 1024;

    public static string Number(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Milliseconds(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    public static string Mib(double? bytes) => bytes is { } b ? (b / Mebibyte).ToString("0.00", CultureInfo.InvariantCulture) : "-";

    public static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
}
