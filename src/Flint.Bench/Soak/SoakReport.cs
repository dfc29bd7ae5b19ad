using System.Globalization;
using System.Text;

namespace Flint.Bench.Soak;

/// <summary>The soak's results as plain text: per runtime the starts, failures and time, then each counter before and after.</summary>
public static class SoakReport
{
    private static readonly string[] Headers = ["counter", "before", "after", "growth", "bound"];

    public static string Render(IReadOnlyList<SoakResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        foreach (var result in results)
        {
            if (result.Error is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"{result.Runtime}: not soaked: {result.Error}\n");
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"{result.Runtime}: {result.Starts} cold starts in {result.Elapsed.TotalSeconds:0.0} s, {result.Failures} failed")
                .Append(result.FirstFailure is null ? "" : $" (first: {result.FirstFailure})")
                .Append(result.Passed ? ": pass\n" : ": FAIL\n");
            var rows = new List<string[]> { Headers };
            rows.AddRange(result.Deltas.Select(d => new[]
            {
                d.Name, Number(d.Before), Number(d.After), (d.Growth > 0 ? "+" : "") + Number(d.Growth) + (d.Exceeded ? " !" : ""), Number(d.Bound),
            }));
            var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows)
            {
                text.Append("  ").AppendJoin("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
