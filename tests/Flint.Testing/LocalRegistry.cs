using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Flint.Testing;

/// <summary>
/// A real OCI registry for a test: Debian's <c>docker-registry</c> (CNCF distribution) serving plain
/// HTTP on 127.0.0.1 from a temporary directory, stopped and deleted on dispose. Skips the test,
/// with the reason, when the package (or skopeo, which talks to it) is missing.
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    private const string Program = "docker-registry";
    private readonly Process _process;
    private readonly TempDirectory _directory;

    private LocalRegistry(Process process, TempDirectory directory, string host)
    {
        _process = process;
        _directory = directory;
        Host = host;
    }

    /// <summary><c>127.0.0.1:PORT</c>, the registry part of references to it.</summary>
    public string Host { get; }

    public static async Task<LocalRegistry> StartAsync()
    {
        HostRequirements.RequireCommand(Program, "docker-registry");
        HostRequirements.RequireCommand("skopeo", "skopeo");
        var directory = new TempDirectory("flint-registry");
        var host = $"127.0.0.1:{FreePort()}";
        var config = Path.Combine(directory.Path, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory.Path, "storage")}
              delete:
                enabled: true
            http:
              addr: {host}
            """);
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Program}");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        var registry = new LocalRegistry(process, directory, host);
        if (!await registry.AnswersAsync())
        {
            await registry.DisposeAsync();
            throw new InvalidOperationException($"{Program} did not start on {host}: {await stderr}");
        }

        return registry;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _directory.Dispose();
    }

    /// <summary>Waits until the registry answers its API root, or has exited (false).</summary>
    private async Task<bool> AnswersAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 300 && !_process.HasExited; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri($"http://{Host}/v2/"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
