using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Flint.Testing;

namespace Flint.Oci.Tests;

/// <summary>
/// Runs the flint-oci executable built from this source (the one next to the tests) as containerd's shim runs
/// it: with its own <c>--root</c> and a JSON <c>--log</c>. Disposing force-deletes what a failed test left.
/// </summary>
internal sealed class FlintOciCli : IDisposable
{
    private readonly TempDirectory _directory = new("flint-oci-root");
    private readonly List<string> _ids = [];

    public static string Executable { get; } = Path.Combine(AppContext.BaseDirectory, "flint-oci");

    public string Root => _directory.Combine("root");

    public string LogPath => _directory.Combine("log.json");

    public ProcessResult Run(params string[] args)
    {
        if (args.Length > 1 && args[0] == "create")
        {
            _ids.Add(args[^1]);
        }

        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };

        // The JIT-built flint-oci (and the monitors it starts) make no diagnostics socket in /tmp, which a monitor
        // killed by delete --force could not remove.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        foreach (var arg in (string[])["--root", Root, "--log", LogPath, "--log-format", "json", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();

        // The monitor inherits create's standard streams: read until create exits, not until they close.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"flint-oci {string.Join(' ', args)} did not exit");
        return new ProcessResult(
            process.ExitCode,
            stdout.Wait(TimeSpan.FromSeconds(1)) ? stdout.Result : string.Empty,
            stderr.Wait(TimeSpan.FromSeconds(1)) ? stderr.Result : string.Empty);
    }

    /// <summary>The <c>msg</c> of the log's last <c>error</c> line, as containerd's shim would show it.</summary>
    public string LastError()
    {
        var lines = File.ReadAllLines(LogPath);
        var errors = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("level").GetString() == "error").ToList();
        Assert.NotEmpty(errors);
        return errors[^1].GetProperty("msg").GetString()!;
    }

    public JsonElement State(string id)
    {
        var result = Run("state", id);
        Assert.True(result.ExitCode == 0, $"state {id} failed ({result.ExitCode}): {result.Stderr} {LastErrorOrNone()}");
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        foreach (var id in _ids)
        {
            Run("delete", "--force", id);
        }

        _directory.Dispose();
    }

    private string LastErrorOrNone() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log)";
}
