using Flint.Runtimes.Docker;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Docker;

/// <summary>
/// Makes sure a Docker daemon answers for the docker tests: when none does and the host allows it
/// (root, docker.io installed), starts one with <c>scripts/docker-daemon.sh</c> and stops that same
/// daemon afterwards. A daemon that was already running is left as it was.
/// </summary>
public sealed class DockerDaemonFixture : IAsyncLifetime
{
    private static readonly string Script = Path.Combine(ReferenceFunctions.RepositoryRoot, "scripts", "docker-daemon.sh");

    private bool _started;

    public string? SkipReason { get; private set; }

    public ValueTask InitializeAsync()
    {
        var runtime = DockerRuntimes.Create(Path.Combine(Path.GetTempPath(), "flint-docker-tests"));
        if (runtime.CheckAvailability().IsAvailable)
        {
            return ValueTask.CompletedTask;
        }

        if (!Environment.IsPrivilegedProcess || HostRequirements.FindOnPath("dockerd") is null || !File.Exists(Script))
        {
            SkipReason = $"no Docker daemon, and this host cannot start one (needs root, docker.io and {Script}): {runtime.CheckAvailability().Reason}";
            return ValueTask.CompletedTask;
        }

        var (exitCode, stdout, stderr) = Command.Run("bash", Script, "start");
        _started = exitCode == 0;
        SkipReason = runtime.CheckAvailability() is { IsAvailable: false, Reason: var reason }
            ? $"starting a Docker daemon failed (exit {exitCode}: {stdout}{stderr}); {reason}"
            : null;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (_started)
        {
            Command.Run("bash", Script, "stop");
        }

        return ValueTask.CompletedTask;
    }
}
