using System.Collections.Concurrent;

namespace Flint.Vm.Snapshots;

/// <summary>
/// Restores of one snapshot prepared ahead of time (<see cref="PreparedRestore"/>), at most a fixed number, refilled
/// by a background thread as they are taken. Prepared VMs touch no guest memory until an instance runs in them.
/// </summary>
internal sealed class RestorePool : IDisposable
{
    private static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A refill waits this long after a restore was taken, so that it does not compete for the CPU with the instance
    /// just restored while that one answers its first request (on a 2-core host, it would).
    /// </summary>
    private static readonly TimeSpan RefillDelay = TimeSpan.FromMilliseconds(30);
    private readonly Func<PreparedRestore> _prepare;
    private readonly ConcurrentQueue<PreparedRestore> _ready = new();
    private readonly SemaphoreSlim _wanted;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _filler;

    public RestorePool(int size, Func<PreparedRestore> prepare)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _prepare = prepare;
        _wanted = new SemaphoreSlim(size);
        _filler = new Thread(Fill) { IsBackground = true, Name = "flint-restore-pool" };
        _filler.Start();
    }

    public PreparedRestore? TryTake()
    {
        if (!_ready.TryDequeue(out var prepared))
        {
            return null;
        }

        _wanted.Release();
        return prepared;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _filler.Join();
        while (_ready.TryDequeue(out var prepared))
        {
            prepared.Dispose();
        }

        _stop.Dispose();
        _wanted.Dispose();
    }

    private void Fill()
    {
        try
        {
            while (true)
            {
                _wanted.Wait(_stop.Token);
                // While a prepared restore still waits, the next instance is covered: let the one just restored answer first.
                if (!_ready.IsEmpty && _stop.Token.WaitHandle.WaitOne(RefillDelay))
                {
                    return;
                }

                try
                {
                    _ready.Enqueue(_prepare());
                }
                catch (Exception e) when (e is SnapshotException or VmSetupException or IOException or Kvm.KvmUnavailableException)
                {
                    // The restore that finds the pool empty prepares its own and reports the problem itself.
                    _wanted.Release();
                    _stop.Token.WaitHandle.WaitOne(FailurePause);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
