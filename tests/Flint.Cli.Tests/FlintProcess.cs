using System.Diagnostics;
using Flint.Testing;

namespace Flint.Cli.Tests;

/// <summary>
/// Runs the built <c>flint</c> CLI as a separate process, as a user would, with a config directory of
/// its own (<c>XDG_CONFIG_HOME</c>) so the tokens <c>flint up</c> records never touch the real one.
/// </summary>
internal static class FlintProcess
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "flint.dll");

    /// <summary>The config directory every flint process of this test run shares.</summary>
    public static string ConfigHome { get; } = TempDirectory.ForThisProcess("flint-cli-config").Path;

    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["XDG_CONFIG_HOME"] = ConfigHome;
        start.Environment.Remove("FLINT_TOKEN");

        // No diagnostics IPC socket in /tmp: a flint the tests kill outright could not remove it.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) => RunAsync(StartInfo(arguments));

    /// <summary>Runs a prepared start (for example with extra environment) to completion and captures its output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
