using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Flint.Testing;

namespace Flint.Cli.Tests;

/// <summary>A <c>flint up</c> process on a free port; disposing it stops it as Ctrl-C would.</summary>
internal sealed partial class FlintUp : IAsyncDisposable
{
    private readonly Process _process;

    private FlintUp(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<FlintUp> StartAsync(ProcessStartInfo start)
    {
        var process = Process.Start(start)!;
        while (await process.StandardError.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                return new FlintUp(process, match.Groups[1].Value);
            }
        }

        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        throw new InvalidOperationException($"flint up exited with {process.ExitCode} before it listened");
    }

    public async ValueTask DisposeAsync()
    {
        Command.Run("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
        if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
