using System.Globalization;
using Flint.Runtimes.Oci;

namespace Flint.Runtimes.Docker;

/// <summary>The <c>docker</c> commands Flint uses, against the daemon at <see cref="Socket"/>.</summary>
internal sealed class DockerCli
{
    public const string Socket = "/var/run/docker.sock";
    public const string FunctionLabel = "flint.function";

    /// <summary>Names the state directory of the Flint host that ran the container, so a sweep removes only its own host's.</summary>
    public const string OwnerLabel = "flint.owner";

    private readonly string _docker;

    public DockerCli(string docker, string owner)
    {
        _docker = docker;
        Owner = owner;
    }

    /// <summary>The value of <see cref="OwnerLabel"/> on every container this host runs.</summary>
    public string Owner { get; }

    /// <summary>The owner label of the host whose state lives in <paramref name="stateDirectory"/>: a hash of its full path.</summary>
    public static string OwnerOf(string stateDirectory) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(stateDirectory))))[..16];

    public Task<HostCommandResult> VersionAsync(CancellationToken cancellationToken) =>
        Run(cancellationToken, "version", "--format", "{{.Server.Version}}");

    public async Task<bool> HasImageAsync(string tag, CancellationToken cancellationToken) =>
        (await Run(cancellationToken, "image", "inspect", "--format", "{{.Id}}", tag).ConfigureAwait(false)).Succeeded;

    /// <summary><c>docker run -d</c>: host network, read-only root, the spec's limits; returns the container id.</summary>
    public async Task<string> RunDetachedAsync(string name, string functionName, string tag, IEnumerable<string> environment, ResourceLimits limits, CancellationToken cancellationToken)
    {
        var result = (await Run(cancellationToken, [.. RunArguments(name, functionName, tag, environment, limits, detach: true)]).ConfigureAwait(false)).ThrowIfFailed();
        return result.Stdout.Trim();
    }

    /// <summary>
    /// The whole <c>docker run</c> command line of an instance (host network, read-only root, no capabilities,
    /// no new privileges, the spec's limits, this host's labels), detached or in the foreground.
    /// </summary>
    public IReadOnlyList<string> RunCommand(string name, string functionName, string tag, IEnumerable<string> environment, ResourceLimits limits, bool detach) =>
        [_docker, "--host", $"unix://{Socket}", .. RunArguments(name, functionName, tag, environment, limits, detach)];

    public Task<HostCommandResult> KillAsync(string container, CancellationToken cancellationToken) =>
        Run(cancellationToken, "kill", container);

    private List<string> RunArguments(string name, string functionName, string tag, IEnumerable<string> environment, ResourceLimits limits, bool detach)
    {
        List<string> arguments =
        [
            "run", detach ? "--detach" : "--rm", "--name", name, "--label", $"{FunctionLabel}={functionName}", "--label", $"{OwnerLabel}={Owner}",
            "--network", "host", "--read-only", "--tmpfs", "/tmp:size=16m", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
        ];
        arguments.AddRange(environment.SelectMany(e => new[] { "--env", e }));
        if (limits.MemoryBytes is { } memory)
        {
            arguments.AddRange(["--memory", memory.ToString(CultureInfo.InvariantCulture)]);
        }

        if (limits.Cpus is { } cpus)
        {
            arguments.AddRange(["--cpus", cpus.ToString(CultureInfo.InvariantCulture)]);
        }

        if (limits.Pids is { } pids)
        {
            arguments.AddRange(["--pids-limit", pids.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.Add(tag);
        return arguments;
    }

    /// <summary><c>docker logs --follow</c>: its stdout and stderr are the container's; it exits when the container does.</summary>
    public System.Diagnostics.Process FollowLogs(string container)
    {
        var process = HostCommand.Start([_docker, "logs", "--follow", container]);
        process.StandardInput.Close();
        return process;
    }

    /// <summary>The host pid of the container's entrypoint, or null when it does not run.</summary>
    public async Task<int?> MainPidAsync(string container, CancellationToken cancellationToken)
    {
        var result = await Run(cancellationToken, "inspect", "--format", "{{.State.Pid}}", container).ConfigureAwait(false);
        return result.Succeeded && int.TryParse(result.Stdout.Trim(), CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
    }

    public async Task<bool> WasOomKilledAsync(string container, CancellationToken cancellationToken)
    {
        var result = await Run(cancellationToken, "inspect", "--format", "{{.State.OOMKilled}}", container).ConfigureAwait(false);
        return result.Succeeded && result.Stdout.Trim() == "true";
    }

    /// <summary>The names of every container, running or not, that carries this host's owner label.</summary>
    public async Task<IReadOnlyList<string>> OwnedContainersAsync(CancellationToken cancellationToken)
    {
        var result = (await Run(cancellationToken, "ps", "--all", "--format", "{{.Names}}", "--filter", $"label={OwnerLabel}={Owner}").ConfigureAwait(false)).ThrowIfFailed();
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public Task<HostCommandResult> RemoveForceAsync(string container, CancellationToken cancellationToken) =>
        Run(cancellationToken, "rm", "--force", container);

    private Task<HostCommandResult> Run(CancellationToken cancellationToken, params string[] arguments) =>
        HostCommand.RunAsync([_docker, "--host", $"unix://{Socket}", .. arguments], cancellationToken);
}
