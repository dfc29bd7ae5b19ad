using System.Globalization;

namespace Flint.Bench.ColdStart;

/// <summary>
/// Parses <c>X-Flint-Phases</c>: <c>name=milliseconds</c> pairs separated by <c>;</c>, numbers in the
/// invariant culture, with or without an <c>ms</c> suffix (<c>ready=3.4</c> or <c>ready=3.4ms</c>). Any
/// phase names are accepted; malformed pairs are skipped, never fatal, and a missing header yields
/// no phases.
/// </summary>
public static class PhaseHeader
{
    public const string Name = "X-Flint-Phases";

    public static IReadOnlyList<PhaseOffset> Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return [];
        }

        var phases = new List<PhaseOffset>();
        foreach (var pair in header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var name = pair[..separator].Trim();
            var number = pair[(separator + 1)..].Trim();
            if (number.EndsWith("ms", StringComparison.Ordinal))
            {
                number = number[..^2].TrimEnd();
            }

            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
                && double.IsFinite(milliseconds)
                && !phases.Exists(p => p.Name == name))
            {
                phases.Add(new PhaseOffset(name, milliseconds));
            }
        }

        return phases;
    }
}
