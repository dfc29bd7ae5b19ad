using Flint.Runtimes.Common;
using Flint.Vm;

namespace Flint.Runtimes.Vm;

/// <summary>
/// The vm runtime's handle on one running Flint VM: the run, the listening socket the runtime created and lends to
/// the guest for the instance's whole life, and the guest's output. Stopping runs once: cancel the run, wait for it,
/// close the socket.
/// </summary>
internal sealed class VmInstance : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _stopGate = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _snapshotTaken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _warmedUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _stopping;

    private readonly InstanceListener _listener;

    private VmInstance(InstanceListener listener, InstanceLogStream stdout, InstanceLogStream stderr)
    {
        _listener = listener;
        Stdout = stdout;
        Stderr = stderr;
    }

    public int Port => _listener.Port;

    public InstanceLogStream Stdout { get; }

    public InstanceLogStream Stderr { get; }

    /// <summary>Completes when the guest calls listen().</summary>
    public Task Listening => _listening.Task;

    /// <summary>The run, once <see cref="Start"/> began it.</summary>
    public Task<VmRunResult>? Run { get; private set; }

    /// <summary>How the guest ended, once stopping found it already over by itself (null when the stop ended it, or it never ran).</summary>
    public VmRunResult? Result { get; private set; }

    /// <summary>Completes when the snapshot the run asked for is written; faults with why it was not.</summary>
    public Task SnapshotTaken => _snapshotTaken.Task;

    /// <summary>A fresh loopback listening socket, bound to a port the kernel picks and kept until the instance stops.</summary>
    public static VmInstance Create(string id, IInstanceLog log)
    {
        var listener = InstanceListener.Open();
        return new VmInstance(listener, new InstanceLogStream(id, OutputChannel.Stdout, log), new InstanceLogStream(id, OutputChannel.Stderr, log));
    }

    public void Start(VmRunOptions options, Action onListening)
    {
        Run = VmRunner.RunAsync(options with
        {
            ListenSocket = _listener.Socket,
            Listening = () =>
            {
                onListening();
                _listening.TrySetResult();
            },
            Stdout = Stdout,
            Stderr = Stderr,
            Snapshot = options.Snapshot is { } request ? request with
            {
                After = _warmedUp.Task,
                Completed = failure =>
                {
                    request.Completed?.Invoke(failure);
                    if (failure is null)
                    {
                        _snapshotTaken.TrySetResult();
                    }
                    else
                    {
                        _snapshotTaken.TrySetException(failure);
                    }
                },
            }
            : null,
        }, _stop.Token);

        // A guest that died (a crash, its memory limit) accepts no more: a connection still arriving (the forwarder's
        // retry, a request on its way) is reset at once instead of waiting in the backlog until the request times out.
        _listener.RefuseAfter(Run);
    }

    /// <summary>The last lines the guest printed, stderr after stdout.</summary>
    /// <summary>The warm-up request was answered (or gave up): the snapshot may be taken.</summary>
    public void WarmedUp() => _warmedUp.TrySetResult();

    public string OutputTail() =>
        string.Join('\n', new[] { Stdout.Tail(), Stderr.Tail() }.Where(t => t.Length > 0));

    public Task StopAsync()
    {
        lock (_stopGate)
        {
            return _stopping ??= StopCoreAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StopCoreAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            if (Run is { } run)
            {
                Result = await run.ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Cancellation, or a run that failed to start: either way nothing of it is left running.
        }

        Stdout.Flush();
        Stderr.Flush();
        _listener.Dispose();
        _stop.Dispose();
    }
}
