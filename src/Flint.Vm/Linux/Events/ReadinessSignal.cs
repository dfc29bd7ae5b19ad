using System.Net;
using System.Net.Sockets;

namespace Flint.Vm.Linux.Events;

/// <summary>
/// One per process: every in-memory file (pipe, eventfd) and every epoll_ctl pulses it when its state changes, and a
/// guest thread waiting for readiness (epoll_wait, poll, a blocking pipe read) waits on it. A version number makes a
/// pulse that lands between a check and the wait impossible to miss. A thread that waits on host sockets (Select)
/// lends a wake socket of its own for the wait, which a pulse makes readable, so in-memory changes end that wait at
/// once too, not at its next time slice.
/// </summary>
internal sealed class ReadinessSignal : IDisposable
{
    private static readonly byte[] WakeByte = [1];
    private readonly object _lock = new();
    private readonly List<Socket> _waiting = [];
    private readonly Stack<Socket> _idle = new();
    private readonly List<Socket> _created = [];
    private long _version;
    private bool _disposed;

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
        Socket[] waking;
        lock (_lock)
        {
            _version++;
            System.Threading.Monitor.PulseAll(_lock);
            waking = _waiting.Count == 0 ? [] : [.. _waiting];
        }

        foreach (var socket in waking)
        {
            try
            {
                socket.Send(WakeByte);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Its buffer is full (it is readable already) or the process is going away.
            }
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

    /// <summary>
    /// A socket that becomes readable at the next pulse, for a Select over host sockets; null when the version has
    /// already moved past <paramref name="seen"/> (look again instead of waiting). Give it back with <see cref="EndSocketWait"/>.
    /// </summary>
    public Socket? BeginSocketWait(long seen)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_version != seen)
            {
                return null;
            }

            var socket = _idle.Count > 0 ? _idle.Pop() : CreateWakeSocket();
            _waiting.Add(socket);
            return socket;
        }
    }

    public void EndSocketWait(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        lock (_lock)
        {
            _waiting.Remove(socket);
            if (_disposed)
            {
                return;
            }

            try
            {
                var buffer = new byte[16];
                while (socket.Available > 0)
                {
                    socket.Receive(buffer);
                }
            }
            catch (SocketException)
            {
            }

            _idle.Push(socket);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var socket in _created)
            {
                socket.Dispose();
            }

            _created.Clear();
            _idle.Clear();
            _waiting.Clear();
        }
    }

    /// <summary>A UDP socket on loopback connected to itself: a datagram it sends itself makes it readable.</summary>
    private Socket CreateWakeSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Connect(socket.LocalEndPoint!);
            socket.Blocking = false;
            _created.Add(socket);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
