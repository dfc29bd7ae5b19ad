using System.Diagnostics;
using Flint.Vm.Linux;
using Flint.Vm.Linux.Net;

namespace Flint.Vm.Snapshots;

/// <summary>
/// Watches a booting VM for the moment to snapshot it: the guest listens, and holding the execution lock finds
/// every guest thread blocked in a syscall (no thread in user code, none between a syscall and its return). Until
/// then it looks again every millisecond, holding the lock only to look.
/// </summary>
internal sealed class SnapshotTaker
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1);
    private readonly GuestProcess _process;
    private readonly string _platform;
    private readonly SnapshotRequest _request;
    private readonly Thread _thread;

    private SnapshotTaker(GuestProcess process, string platform, SnapshotRequest request)
    {
        _process = process;
        _platform = platform;
        _request = request;
        _thread = new Thread(Run) { IsBackground = true, Name = "flint-snapshot" };
    }

    public static SnapshotTaker Start(GuestProcess process, string platform, SnapshotRequest request)
    {
        var taker = new SnapshotTaker(process, platform, request);
        taker._thread.Start();
        return taker;
    }

    /// <summary>Waits until the taker is done with guest memory (before the VM is disposed).</summary>
    public void Join() => _thread.Join();

    private void Run()
    {
        Exception? failure = null;
        try
        {
            long? listeningSince = null;
            WaitForCaller();
            while (!TryTake())
            {
                if (_process.Stopping.IsCancellationRequested || _process.HasExited)
                {
                    throw new OperationCanceledException("the guest stopped before a snapshot could be taken");
                }

                if (_process.Network.IsAdopted)
                {
                    listeningSince ??= Stopwatch.GetTimestamp();
                    if (Stopwatch.GetElapsedTime(listeningSince.Value) > _request.QuiescenceTimeout)
                    {
                        throw new SnapshotException($"the guest listened but its threads did not all block within {_request.QuiescenceTimeout.TotalSeconds:0.###} s");
                    }
                }

                Thread.Sleep(Interval);
            }
        }
        catch (Exception e) when (e is SnapshotException or OperationCanceledException or IOException or UnauthorizedAccessException or VmSetupException)
        {
            failure = e;
        }

        _request.Completed?.Invoke(failure);
    }

    private void WaitForCaller()
    {
        if (_request.After is not { } after)
        {
            return;
        }

        try
        {
            after.Wait(_process.Stopping);
        }
        catch (AggregateException e)
        {
            throw new SnapshotException($"the snapshot was called off: {e.InnerException?.Message}", e.InnerException ?? e);
        }
    }

    /// <summary>A connection a client may still use (a warm-up request's, say) cannot be carried: wait for the guest to close it.</summary>
    private bool HasOpenConnection() => _process.Files.Entries().Any(e => e.Entry.File is GuestSocket { State: SocketState.Connected or SocketState.Connecting });

    private bool TryTake()
    {
        if (!_process.Network.IsAdopted)
        {
            return false;
        }

        _process.ExecutionLock.Enter(null);
        try
        {
            if (_process.HasExited || _process.ExecutionLock.WaitingInSyscalls != _process.Threads.Count || HasOpenConnection())
            {
                return false;
            }

            SnapshotWriter.Write(_request.Path, _request.Key, _platform, _process);
            return true;
        }
        finally
        {
            _process.ExecutionLock.Exit();
        }
    }
}
