using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Flint.Runtimes.Common;

/// <summary>
/// An instance's listening socket on 127.0.0.1, created and held by the host for the instance's whole
/// life and handed to it as descriptor 3 (<c>LISTEN_FDS=1</c>, as systemd socket activation does).
/// While the host holds it, no other socket can bind the port (it is listening and has no
/// <c>SO_REUSEPORT</c>), so the port is exclusively this instance's until <see cref="Dispose"/>, and
/// every connection to it reaches only a process that holds this very socket.
/// </summary>
public sealed class InstanceListener : IDisposable
{
    private const int Backlog = 512;
    private const int TcpInfoOption = 11;
    private const int TcpInfoUnackedOffset = 24;
    private const int TcpInfoSize = 104;

    private InstanceListener(Socket socket)
    {
        Socket = socket;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>The loopback port, exclusively this instance's while the listener is open.</summary>
    public int Port { get; }

    internal Socket Socket { get; }

    /// <summary>Binds a fresh port on 127.0.0.1 and listens on it.</summary>
    public static InstanceListener Open() => Open(0);

    /// <summary>Binds <paramref name="port"/> on 127.0.0.1 (0: a fresh one) and listens on it.</summary>
    public static InstanceListener Open(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(Backlog);
            return new InstanceListener(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Once <paramref name="exited"/> completes (the instance is gone), connections still arriving (an
    /// HTTP client's retry, a request already on its way) are reset at once rather than left queued
    /// for nobody. The port stays this instance's until <see cref="Dispose"/>.
    /// </summary>
    public void RefuseAfter(Task exited)
    {
        ArgumentNullException.ThrowIfNull(exited);
        _ = exited.ContinueWith(_ => RefuseAsync(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
    }

    public void Dispose() => Socket.Dispose();

    private async Task RefuseAsync()
    {
        try
        {
            while (true)
            {
                using var connection = await Socket.AcceptAsync().ConfigureAwait(false);
                connection.LingerState = new LingerOption(true, 0);
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    /// <summary>How many connections wait in the socket's queue, completed but not yet accepted.</summary>
    internal int AcceptQueueLength()
    {
        Span<byte> info = stackalloc byte[TcpInfoSize];
        var length = Socket.GetRawSocketOption((int)SocketOptionLevel.Tcp, TcpInfoOption, info);
        return length >= TcpInfoUnackedOffset + sizeof(uint)
            ? (int)BinaryPrimitives.ReadUInt32LittleEndian(info[TcpInfoUnackedOffset..])
            : throw new InvalidOperationException("TCP_INFO is too short to hold the accept queue length");
    }
}
