using System.Net.Sockets;

namespace Flint.Runtimes.Common;

/// <summary>One instance's lease on a loopback port (see <see cref="LoopbackPorts"/>).</summary>
public sealed class PortLease : IDisposable
{
    private readonly Socket _holder;
    private readonly Action _release;
    private int _disposed;

    internal PortLease(int port, Socket holder, Action release)
    {
        Port = port;
        _holder = holder;
        _release = release;
    }

    public int Port { get; }

    /// <summary>Unbinds the port so the instance can bind it; the lease itself lasts until <see cref="Dispose"/>.</summary>
    public void Handoff() => _holder.Dispose();

    /// <summary>Ends the lease once the instance is gone; the port may be leased again.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _holder.Dispose();
            _release();
        }
    }
}
