namespace Flint.Vm.Linux.Events;

/// <summary>
/// One per process: every in-memory file (pipe, eventfd) pulses it when its state changes, and a guest thread
/// waiting for readiness (epoll_wait, poll, a blocking pipe read) waits on it. A version number makes a pulse that
/// lands between a check and the wait impossible to miss.
/// </summary>
internal sealed class ReadinessSignal
{
    private readonly object _lock = new();
    private long _version;

    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    public void Pulse()
    {
        lock (_lock)
        {
            _version++;
            System.Threading.Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Waits until the version moves past <paramref name="seen"/> or the time passes; true when it moved.</summary>
    public bool Wait(long seen, int milliseconds)
    {
        lock (_lock)
        {
            return _version != seen || (System.Threading.Monitor.Wait(_lock, milliseconds) && _version != seen);
        }
    }
}
