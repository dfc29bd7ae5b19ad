using System.ComponentModel;
using System.Diagnostics;

namespace Flint.Bench.Host;

/// <summary>Runs a host program to completion and captures its output; a program that cannot start gives null.</summary>
public static class HostCommand
{
    public static async Task<CommandOutput?> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new CommandOutput(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The first line a program prints for <c>--version</c>, or null when it is missing or fails.</summary>
    public static async Task<string?> VersionAsync(string program, CancellationToken cancellationToken)
    {
        if (ExecutableSearch.Find(program) is null)
        {
            return null;
        }

        var output = await RunAsync(program, ["--version"], cancellationToken).ConfigureAwait(false);
        return output is { ExitCode: 0 } ? output.Stdout.Split('\n', 2)[0].Trim() : null;
    }
}
