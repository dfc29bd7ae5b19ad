using Flint.Runtimes.Common;

namespace Flint.Runtimes.Oci;

/// <summary>
/// A container Flint created: its id, bundle and cgroup, and the pumps reading the stdio it
/// inherited from <c>run --detach</c>. The runtime's handle in <see cref="Instance.RuntimeState"/>.
/// </summary>
internal sealed class OciContainer : IDisposable
{
    private readonly SpawnedProcess _run;
    private Task? _teardown;

    public OciContainer(string id, string bundle, string cgroupsPath, InstanceListener listener, SpawnedProcess run, IInstanceLog log)
    {
        Id = id;
        Bundle = bundle;
        CgroupsPath = cgroupsPath;
        Listener = listener;
        _run = run;
        Stdout = new OutputPump(run.StandardOutput, id, OutputChannel.Stdout, log);
        Stderr = new OutputPump(run.StandardError, id, OutputChannel.Stderr, log);
        listener.RefuseAfter(Exited);
    }

    public string Id { get; }

    public string Bundle { get; }

    public string CgroupsPath { get; }

    /// <summary>The container's listening socket, held for its whole life (see <see cref="InstanceListener"/>).</summary>
    public InstanceListener Listener { get; }

    public OutputPump Stdout { get; }

    public OutputPump Stderr { get; }

    /// <summary>Completes when every process holding the container's stdio has exited.</summary>
    public Task Exited => Task.WhenAll(Stdout.Completion, Stderr.Completion);

    public bool HasExited => Exited.IsCompleted;

    /// <summary>The file <c>run --pid-file</c> writes the container's init pid to.</summary>
    public static string PidFile(string bundle) => Path.Combine(bundle, "init.pid");

    /// <summary>The container's init pid on the host, or null when run did not get that far.</summary>
    public int? InitPid() =>
        File.Exists(PidFile(Bundle)) && int.TryParse(File.ReadAllText(PidFile(Bundle)), out var pid) ? pid : null;

    /// <summary>Waits for <c>run --detach</c> itself to return (the container keeps running) and gives its exit status.</summary>
    public Task<int> WaitForRunAsync(CancellationToken cancellationToken) => _run.Exited.WaitAsync(cancellationToken);

    /// <summary>Runs <paramref name="teardown"/> once; later callers await the same teardown.</summary>
    public Task TeardownOnce(Func<Task> teardown)
    {
        lock (_run)
        {
            return _teardown ??= teardown();
        }
    }

    /// <summary>The last lines the container (and the runtime, on its stderr) printed.</summary>
    public string OutputTail() => OutputTails.Format(Stdout, Stderr);

    /// <summary>Closes the output pipes and the listening socket; the port is free again after this.</summary>
    public void Dispose()
    {
        _run.Dispose();
        Listener.Dispose();
    }
}
