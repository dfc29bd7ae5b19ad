using System.Diagnostics;
using Xunit;

namespace Flint.Testing;

/// <summary>Runs a host command to completion and captures its output.</summary>
public static class Command
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Runs a probe that must succeed and returns its standard output split into non-empty, trimmed
    /// lines. A failed probe (<c>docker ps</c> without a daemon, a runtime refusing its state
    /// directory) fails the test instead of reading as "nothing found".
    /// </summary>
    public static string[] Lines(string file, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = Run(file, arguments);
        Assert.True(exitCode == 0, $"'{file} {string.Join(' ', arguments)}' failed with exit status {exitCode}: {stderr.Trim()}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
