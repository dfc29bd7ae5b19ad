using System.Diagnostics;

namespace Flint.Runtimes.Oci;

/// <summary>Runs a host command line to completion and captures its output.</summary>
internal static class HostCommand
{
    public static async Task<HostCommandResult> RunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        using var process = Start(command);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            process.StandardOutput.Dispose();
            process.StandardError.Dispose();
            throw;
        }

        var result = new HostCommandResult(command, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));

        // Disposing a Process leaves streams it handed out open until a garbage collection; close the pipes now.
        process.StandardOutput.Dispose();
        process.StandardError.Dispose();
        return result;
    }

    /// <summary>Starts a command with all three standard streams as pipes owned by the caller.</summary>
    public static System.Diagnostics.Process Start(IReadOnlyList<string> command)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        return System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException($"starting '{command[0]}' failed");
    }
}
