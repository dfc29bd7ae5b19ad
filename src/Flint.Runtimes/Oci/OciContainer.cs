using Flint.Interop.Libc;
using Flint.Runtimes.Common;

namespace Flint.Runtimes.Oci;

/// <summary>
/// A container Flint created: its id, bundle and cgroup, the pumps reading the stdio it
/// inherited from <c>run --detach</c>, and a pidfd on its init once it runs. The runtime's handle in
/// <see cref="Instance.RuntimeState"/>.
/// </summary>
internal sealed unsafe class OciContainer : IDisposable
{
    private readonly SpawnedProcess _run;
    private Task? _teardown;
    private int _init = -1;

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

    /// <summary>
    /// Opens a pidfd on the container's init (the pid <c>run</c> wrote), right after <c>run --detach</c> returned, so the
    /// stop can signal it without a runtime command; false when the pid file or the process is gone.
    /// </summary>
    public bool HoldInit()
    {
        if (InitPid() is not { } pid)
        {
            return false;
        }

        var init = Pidfd.pidfd_open(pid, 0);
        if (init < 0)
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _init, init, -1) != -1)
        {
            Unistd.close(init);
        }

        return true;
    }

    /// <summary>Sends <paramref name="signal"/> to the container's init through its pidfd; false when there is none or it has exited.</summary>
    public bool SignalInit(int signal) => _init >= 0 && Pidfd.pidfd_send_signal(_init, signal, null, 0) == 0;

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
        if (Interlocked.Exchange(ref _init, -1) is >= 0 and var init)
        {
            Unistd.close(init);
        }

        _run.Dispose();
        Listener.Dispose();
    }
}
