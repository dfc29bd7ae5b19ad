using Flint.Interop.Unicorn;
using U = Flint.Interop.Unicorn.Unicorn;

namespace Flint.Vm.Emulated;

/// <summary>
/// Stops an engine from any thread. <c>uc_emu_stop</c> is a no-op while no run is in progress, so a request that
/// lands between two runs (or just before the engine clears its stop flag at the start of one) could be lost: the
/// flag is checked before every run, and until the vCPU thread sees it the stop is repeated every millisecond.
/// </summary>
internal sealed class UnicornStopper : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(1);
    private readonly UcEngineHandle _engine;
    private readonly Lock _lock = new();
    private Timer? _repeat;
    private volatile bool _requested;
    private bool _disposed;

    public UnicornStopper(UcEngineHandle engine)
    {
        _engine = engine;
    }

    public bool IsStopRequested => _requested;

    public void RequestStop()
    {
        lock (_lock)
        {
            if (_disposed || _requested)
            {
                return;
            }

            _requested = true;
            _ = U.uc_emu_stop(_engine);
            _repeat = new Timer(_ => Repeat(), null, Period, Period);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _repeat?.Dispose();
            _repeat = null;
        }
    }

    private void Repeat()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _ = U.uc_emu_stop(_engine);
            }
        }
    }
}
