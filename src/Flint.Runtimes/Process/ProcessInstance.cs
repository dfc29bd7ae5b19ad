using Flint.Runtimes.Common;

namespace Flint.Runtimes.Process;

/// <summary>
/// The process runtime's handle on one running function process: its listening socket, its output
/// pumps, and a stop that runs once (SIGTERM, then SIGKILL to its process group after the grace
/// period), always reaps the process and releases every descriptor it held.
/// </summary>
internal sealed class ProcessInstance
{
    private const int Sigterm = 15;
    private const int Sigkill = 9;
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(1);
    private readonly SpawnedProcess _process;
    private readonly OutputPump _stdout;
    private readonly OutputPump _stderr;
    private readonly Lock _stopGate = new();
    private Task? _stopping;

    private ProcessInstance(SpawnedProcess process, InstanceListener listener, IInstanceLog log, string id)
    {
        _process = process;
        Listener = listener;
        listener.RefuseAfter(process.Exited);
        _stdout = new OutputPump(process.StandardOutput, id, OutputChannel.Stdout, log);
        _stderr = new OutputPump(process.StandardError, id, OutputChannel.Stderr, log);
    }

    public InstanceListener Listener { get; }

    public int Pid => _process.Pid;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit status once the process is stopped and reaped.</summary>
    public int? ExitCode => _process.Exited.IsCompletedSuccessfully ? _process.Exited.Result : null;

    /// <summary>
    /// Starts the function through <paramref name="launcher"/> inside <paramref name="sandbox"/> (in its
    /// working directory) with exactly the given environment, stdin on /dev/null, and the listener as
    /// descriptor 3. Takes ownership of the listener. With <paramref name="held"/> the launcher enters the
    /// sandbox and waits; the function's exec follows <see cref="Go"/>.
    /// </summary>
    public static ProcessInstance Launch(
        string id,
        ProcessLauncher launcher,
        ProcessSandbox sandbox,
        string executable,
        IEnumerable<KeyValuePair<string, string>> environment,
        InstanceListener listener,
        IInstanceLog log,
        bool held = false)
    {
        try
        {
            var process = SpawnedProcess.Start(new SpawnRequest(
                launcher.Arguments(executable, sandbox, held), environment, sandbox.WorkingDirectory, listener.Socket, OwnProcessGroup: true, HeldStdin: held));
            return new ProcessInstance(process, listener, log, id);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Completes with true once a held launch holds inside its sandbox, false when it ended first, took longer than <paramref name="limit"/>, or was not held.</summary>
    public Task<bool> HeldAsync(TimeSpan limit, CancellationToken cancellationToken) => _process.HeldAsync(limit, cancellationToken);

    /// <summary>Lets a held launch exec the function; nothing for one that was not held.</summary>
    public void Go() => _process.Go();

    /// <summary>The last lines the process printed, stderr after stdout.</summary>
    public string OutputTail() =>
        string.Join('\n', new[] { _stdout.Tail(), _stderr.Tail() }.Where(t => t.Length > 0));

    /// <summary>Stops the process; every caller awaits the same stop. Cancellation skips the grace period.</summary>
    public Task StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        lock (_stopGate)
        {
            return _stopping ??= StopCoreAsync(grace, cancellationToken);
        }
    }

    /// <summary>SIGKILL to the process group now, without waiting; for a host that is exiting.</summary>
    public void KillNow() => _process.Signal(Sigkill, wholeGroup: true);

    private async Task StopCoreAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (_process.Signal(Sigterm))
        {
            using var graceOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            graceOver.CancelAfter(grace);
            try
            {
                await _process.Exited.WaitAsync(graceOver.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        KillNow();
        await _process.Exited.ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_stdout.Completion, _stderr.Completion).WaitAsync(OutputDrainLimit, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A descendant still holds the output pipes open; the tail so far is all we keep.
        }

        _process.Dispose();
        Listener.Dispose();
    }
}
