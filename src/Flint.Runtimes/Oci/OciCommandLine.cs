using Flint.Runtimes.Common;

namespace Flint.Runtimes.Oci;

/// <summary>
/// The OCI runtime command line (<c>run</c>, <c>kill</c>, <c>delete</c>, <c>list</c>), for crun and runc alike. Every command uses Flint's own <c>--root</c>, so <c>list</c> with that root shows exactly Flint's containers.
/// </summary>
internal sealed class OciCommandLine : IDisposable
{
    private readonly string _binary;
    private readonly string? _maskDirectory;
    private HybridCgroupMask? _mask;

    /// <summary>
    /// <paramref name="maskDirectory"/> holds the <see cref="HybridCgroupMask"/>'s empty file when
    /// <c>run</c> must run under it (crun on a hybrid cgroup host); null otherwise.
    /// </summary>
    public OciCommandLine(string binary, string stateRoot, string? maskDirectory)
    {
        _binary = binary;
        StateRoot = stateRoot;
        _maskDirectory = maskDirectory;
    }

    public string StateRoot { get; }

    /// <summary>
    /// Starts <c>run --detach</c>: create and start in one command, which returns once the entrypoint runs
    /// (one runtime invocation instead of <c>create</c> and <c>start</c>). Without a terminal the container
    /// inherits the runtime's stdio, so the returned process's pipes become the container's stdout and
    /// stderr: they reach end-of-file only when the container (and every process in it) has exited. The
    /// listener is the runtime's descriptor 3 and, through <c>--preserve-fds 1</c>, the entrypoint's.
    /// </summary>
    public SpawnedProcess StartDetached(string id, string bundle, InstanceListener listener)
    {
        string[] run = [.. CreatePrefix(), .. Command("run", "--detach", "--bundle", bundle, "--pid-file", OciContainer.PidFile(bundle), "--preserve-fds", "1", id)];
        return SpawnedProcess.Start(new SpawnRequest(
            [HostPath.Find(run[0]) ?? run[0], .. run.Skip(1)], HostEnvironment(), ListenSocket: listener.Socket));
    }

    /// <summary>
    /// <c>run</c> in the foreground: create and start in one command, which lives as long as the container
    /// and hands it its own stdio; the container binds its own port (no descriptor is passed).
    /// </summary>
    public IReadOnlyList<string> RunArguments(string id, string bundle)
    {
        string[] run = [.. CreatePrefix(), .. Command("run", "--bundle", bundle, id)];
        return [HostPath.Find(run[0]) ?? run[0], .. run.Skip(1)];
    }

    /// <summary>The host's environment, less any socket-activation variables of its own.</summary>
    public static IReadOnlyDictionary<string, string> RunEnvironment() => HostEnvironment().ToDictionary(StringComparer.Ordinal);

    public Task<HostCommandResult> KillAsync(string id, string signal, CancellationToken cancellationToken) =>
        HostCommand.RunAsync(Command("kill", id, signal), cancellationToken);

    /// <summary>The ids of every container under this runtime's <c>--root</c>.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var list = (await HostCommand.RunAsync(Command("list", "--quiet"), cancellationToken).ConfigureAwait(false)).ThrowIfFailed();
        return list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public Task<HostCommandResult> DeleteAsync(string id, bool force, CancellationToken cancellationToken) =>
        HostCommand.RunAsync(force ? Command("delete", "--force", id) : Command("delete", id), cancellationToken);

    public void Dispose()
    {
        lock (_binary)
        {
            _mask?.Dispose();
            _mask = null;
        }
    }

    private IReadOnlyList<string> CreatePrefix()
    {
        if (_maskDirectory is null)
        {
            return [];
        }

        lock (_binary)
        {
            if (_mask is { IsAlive: false })
            {
                _mask.Dispose();
                _mask = null;
            }

            _mask ??= HybridCgroupMask.Start(_maskDirectory);
            return _mask.Prefix;
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> HostEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => KeyValuePair.Create((string)e.Key, (string?)e.Value ?? ""))
            .Where(e => !e.Key.StartsWith("LISTEN_", StringComparison.Ordinal));

    private string[] Command(params string[] arguments) => [_binary, "--root", StateRoot, .. arguments];
}
