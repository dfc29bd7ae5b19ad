using System.Globalization;
using System.Text.RegularExpressions;

namespace Flint.Bench.Throughput;

/// <summary>
/// Parses what <c>wrk --latency</c> prints: <c>N requests in 3.00s</c>, <c>Requests/sec:</c>, the latency
/// distribution's 50% and 99% lines (us, ms, s or m), <c>Socket errors:</c> and <c>Non-2xx or 3xx responses:</c>.
/// </summary>
public static partial class WrkOutput
{
    /// <summary>The result, or null when the text lacks the request count or the rate (wrk failed).</summary>
    public static WrkResult? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var summary = SummaryLine().Match(text);
        var rate = RateLine().Match(text);
        if (!summary.Success || !rate.Success)
        {
            return null;
        }

        var errors = SocketErrorsLine().Match(text);
        var non2xx = Non2xxLine().Match(text);
        return new WrkResult(
            long.Parse(summary.Groups["requests"].Value, CultureInfo.InvariantCulture),
            Duration(summary.Groups["value"].Value, summary.Groups["unit"].Value),
            double.Parse(rate.Groups["rate"].Value, CultureInfo.InvariantCulture),
            Percentile(text, "50"),
            Percentile(text, "99"),
            errors.Success ? errors.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0,
            non2xx.Success ? long.Parse(non2xx.Groups["count"].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static double? Percentile(string text, string percent)
    {
        var match = Regex.Match(text, $@"^\s*{percent}(?:\.0+)?%\s+(?<value>[0-9.]+)(?<unit>us|ms|s|m)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? Duration(match.Groups["value"].Value, match.Groups["unit"].Value) * 1000 : null;
    }

    /// <summary>Seconds from wrk's value and unit.</summary>
    private static double Duration(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "us" => 1e-6,
        "ms" => 1e-3,
        "m" => 60,
        _ => 1,
    };

    [GeneratedRegex(@"^\s*(?<requests>\d+) requests in (?<value>[0-9.]+)(?<unit>us|ms|s|m),", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"^Requests/sec:\s+(?<rate>[0-9.]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex SocketErrorsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (?<count>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Non2xxLine();
}
