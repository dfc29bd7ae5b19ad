using System.Buffers.Binary;
using System.Diagnostics;
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
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    private InstanceListener(Socket socket)
    {
        Socket = socket;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>The loopback port, exclusively this instance's while the listener is open.</summary>
    public int Port { get; }

    internal Socket Socket { get; }

    /// <summary>Binds a fresh port on 127.0.0.1 and listens on it.</summary>
    public static InstanceListener Open()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
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
    /// Waits until the instance accepts connections on this socket and returns the Stopwatch timestamp
    /// of that moment. The kernel completes connections into the socket's queue before anyone accepts,
    /// so a connect proves nothing here: the probe connects, then watches the queue (<c>TCP_INFO</c> of
    /// a listening socket reports its length) until a holder of the socket took the connection. Only
    /// the host and the instance hold it, and the host never accepts, so that holder is the instance.
    /// Throws <see cref="InstanceStartException"/> when the instance exits first (<paramref name="hasExited"/>)
    /// or the timeout passes.
    /// </summary>
    public async Task<long> WaitUntilAcceptingAsync(TimeSpan timeout, Func<bool> hasExited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hasExited);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (AcceptQueueLength() == 0)
            {
                return Stopwatch.GetTimestamp();
            }

            if (hasExited())
            {
                throw new InstanceStartException($"the instance exited before accepting a connection on its socket (port {Port}, passed as descriptor 3 with LISTEN_FDS=1)");
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new InstanceStartException($"the instance did not accept a connection on its socket (port {Port}, passed as descriptor 3 with LISTEN_FDS=1) within {timeout.TotalSeconds:0.###} s");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => Socket.Dispose();

    private int AcceptQueueLength()
    {
        Span<byte> info = stackalloc byte[TcpInfoSize];
        var length = Socket.GetRawSocketOption((int)SocketOptionLevel.Tcp, TcpInfoOption, info);
        return length >= TcpInfoUnackedOffset + sizeof(uint)
            ? (int)BinaryPrimitives.ReadUInt32LittleEndian(info[TcpInfoUnackedOffset..])
            : throw new InvalidOperationException("TCP_INFO is too short to hold the accept queue length");
    }
}
