using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flint.Gateway.Endpoints.Deploy;

/// <summary>Parses the memory sizes and durations deploy specs may write as text or as numbers.</summary>
internal static partial class Quantities
{
    /// <summary>Bytes from <c>128Mi</c>, <c>1G</c>, <c>65536</c>; null when it is not a positive size.</summary>
    public static long? Bytes(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt64(out var bytes) && bytes > 0 ? bytes : null;
        }

        if (Text(value) is not { } text || MemoryPattern().Match(text) is not { Success: true } match
            || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var unit = match.Groups[2].Value switch
        {
            "Ki" => 1L << 10,
            "Mi" => 1L << 20,
            "Gi" => 1L << 30,
            "Ti" => 1L << 40,
            "K" => 1_000L,
            "M" => 1_000_000L,
            "G" => 1_000_000_000L,
            "T" => 1_000_000_000_000L,
            _ => 1L,
        };
        return amount > 0 && amount <= long.MaxValue / unit ? amount * unit : null;
    }

    /// <summary>The shortest duration a spec may ask for; anything shorter would round to nothing.</summary>
    public static readonly TimeSpan ShortestDuration = TimeSpan.FromMilliseconds(1);

    /// <summary>The longest duration a spec may ask for.</summary>
    public static readonly TimeSpan LongestDuration = TimeSpan.FromDays(1);

    /// <summary>
    /// A duration from <c>30s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c> or a number of seconds, between
    /// <see cref="ShortestDuration"/> and <see cref="LongestDuration"/> once converted (so <c>1e-300</c>
    /// is refused rather than stored as zero); null when invalid.
    /// </summary>
    public static TimeSpan? Duration(JsonElement value)
    {
        double seconds;
        if (value.ValueKind == JsonValueKind.Number)
        {
            seconds = value.GetDouble();
        }
        else if (Text(value) is { } text && DurationPattern().Match(text) is { Success: true } match)
        {
            var amount = double.Parse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            seconds = match.Groups[2].Value switch
            {
                "ms" => amount / 1000,
                "m" => amount * 60,
                "h" => amount * 3600,
                _ => amount,
            };
        }
        else
        {
            return null;
        }

        if (!double.IsFinite(seconds) || seconds <= 0 || seconds > LongestDuration.TotalSeconds)
        {
            return null;
        }

        var duration = TimeSpan.FromSeconds(seconds);
        return duration >= ShortestDuration ? duration : null;
    }

    /// <summary>
    /// The value as it may be quoted back to the client: a string's text, other JSON as written; null for a
    /// string that is not valid UTF-8, which the JSON reader lets through in a <see cref="JsonElement"/> and
    /// which <see cref="JsonElement.GetString"/> refuses with an exception.
    /// </summary>
    public static string? Echo(JsonElement value)
    {
        try
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? Echo(value) : null;

    [GeneratedRegex("^([0-9]{1,19})(Ki|Mi|Gi|Ti|K|M|G|T)?$")]
    private static partial Regex MemoryPattern();

    [GeneratedRegex("^([0-9]{1,9}(?:\\.[0-9]{1,6})?)(ms|s|m|h)$")]
    private static partial Regex DurationPattern();
}
