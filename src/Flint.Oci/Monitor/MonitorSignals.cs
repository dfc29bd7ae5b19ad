using System.Runtime.InteropServices;

namespace Flint.Oci.Monitor;

/// <summary>
/// The signals <c>kill</c> sends a container (SIGTERM by default; SIGINT, SIGHUP, SIGQUIT) stop its guest: the
/// monitor then exits with 128 + the signal's number, as a container killed by it reports. Before the guest
/// boots, the monitor exits at once.
/// </summary>
internal sealed class MonitorSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;
    private int _running;

    public MonitorSignals()
    {
        _registrations =
        [
            .. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
                .Select(signal => PosixSignalRegistration.Create(signal, Handle)),
        ];
    }

    /// <summary>Cancelled when a stopping signal arrives while the guest runs.</summary>
    public CancellationToken Stop => _stop.Token;

    /// <summary>The exit status for the signal that stopped the guest, or null when none did.</summary>
    public int? ExitCode => Volatile.Read(ref _signal) is var signal and > 0 ? 128 + signal : null;

    /// <summary>From now on a signal stops the guest instead of ending the process.</summary>
    public void GuestRunning() => Volatile.Write(ref _running, 1);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        var number = context.Signal switch
        {
            PosixSignal.SIGHUP => 1,
            PosixSignal.SIGINT => 2,
            PosixSignal.SIGQUIT => 3,
            _ => 15,
        };
        Interlocked.CompareExchange(ref _signal, number, 0);
        if (Volatile.Read(ref _running) == 0)
        {
            Environment.Exit(128 + number);
        }

        _stop.Cancel();
    }
}
