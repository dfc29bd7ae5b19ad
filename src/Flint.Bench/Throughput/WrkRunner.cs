using System.Globalization;
using Flint.Bench.Host;

namespace Flint.Bench.Throughput;

/// <summary>
/// Runs <c>wrk</c> (one thread, bounded connections and duration, <c>--latency</c>) against a URL and parses its
/// report; says so, rather than failing the benchmark, when wrk is missing or fails.
/// </summary>
public static class WrkRunner
{
    public const string Program = "wrk";
    public const string Missing = "wrk is not installed (Debian package wrk; scripts/setup.sh installs it)";

    /// <summary>The longest wrk run the benchmark asks for, and the most connections.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(30);
    public const int MaxConnections = 64;

    public static bool IsInstalled => ExecutableSearch.Find(Program) is not null;

    /// <summary>The arguments for one bounded run: at most <see cref="MaxConnections"/> connections for at most <see cref="MaxDuration"/>.</summary>
    public static IReadOnlyList<string> Arguments(Uri url, int connections, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(url);
        var seconds = Math.Clamp(Math.Ceiling(duration.TotalSeconds), 1, MaxDuration.TotalSeconds);
        return ["-t1", $"-c{Math.Clamp(connections, 1, MaxConnections)}", $"-d{seconds.ToString(CultureInfo.InvariantCulture)}s", "--latency", "--timeout", "2s", url.ToString()];
    }

    /// <summary>The parsed result, or the reason there is none.</summary>
    public static async Task<(WrkResult? Result, string? Error)> RunAsync(Uri url, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (!IsInstalled)
        {
            return (null, Missing);
        }

        var output = await HostCommand.RunAsync(Program, Arguments(url, connections, duration), cancellationToken).ConfigureAwait(false);
        if (output is null)
        {
            return (null, "wrk could not be started");
        }

        return WrkOutput.Parse(output.Stdout) is { } result
            ? (result, null)
            : (null, $"wrk exited with {output.ExitCode}: {(output.Stderr + output.Stdout).Trim()}");
    }
}
