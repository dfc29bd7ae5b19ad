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

    /// <summary>
    /// How long an empty queue must stay empty to count when the probe was never seen in it: the
    /// handshake's last ACK may not have reached the queue when the first look comes.
    /// </summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(20);

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
    /// The probe sends nothing and shuts down its side at once, so an instance that accepted it reads
    /// end-of-file and closes it: the probe's own read ending is the fastest sign, with no polling.
    /// (Were the probe never seen queued, the queue must stay empty for a short settle time: an
    /// instance already accepting. A ready reported early only makes the first request wait its turn.)
    /// Throws <see cref="InstanceStartException"/> when the instance exits first (<paramref name="hasExited"/>)
    /// or the timeout passes.
    /// </summary>
    public async Task<long> WaitUntilAcceptingAsync(TimeSpan timeout, Func<bool> hasExited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hasExited);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw hasExited() ? ExitedFirst() : new InstanceStartException($"could not connect to the instance's socket (port {Port}): {e.Message}", e);
        }

        probe.Shutdown(SocketShutdown.Send);
        Task<int>? answered = probe.ReceiveAsync(new byte[1], SocketFlags.None, cancellationToken).AsTask();
        _ = answered.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        var settled = Stopwatch.GetTimestamp() + (long)(SettleTime.TotalSeconds * Stopwatch.Frequency);
        var seenQueued = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // First: once the instance is gone, the host itself empties the queue (see RefuseAfter).
            if (hasExited())
            {
                throw ExitedFirst();
            }

            // The instance accepted the probe and read its end-of-file (or wrote to it): it accepts.
            if (answered is { IsCompletedSuccessfully: true })
            {
                return Stopwatch.GetTimestamp();
            }

            if (answered is { IsCompleted: true })
            {
                answered = null;
            }

            if (AcceptQueueLength() > 0)
            {
                seenQueued = true;
            }
            else if (seenQueued || Stopwatch.GetTimestamp() > settled)
            {
                return Stopwatch.GetTimestamp();
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new InstanceStartException($"the instance did not accept a connection on its socket (port {Port}, passed as descriptor 3 with LISTEN_FDS=1) within {timeout.TotalSeconds:0.###} s");
            }

            var tick = Task.Delay(PollInterval, cancellationToken);
            await (answered is null ? tick : Task.WhenAny(answered, tick)).ConfigureAwait(false);
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

    private InstanceStartException ExitedFirst() =>
        new($"the instance exited before accepting a connection on its socket (port {Port}, passed as descriptor 3 with LISTEN_FDS=1)");

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

    private int AcceptQueueLength()
    {
        Span<byte> info = stackalloc byte[TcpInfoSize];
        var length = Socket.GetRawSocketOption((int)SocketOptionLevel.Tcp, TcpInfoOption, info);
        return length >= TcpInfoUnackedOffset + sizeof(uint)
            ? (int)BinaryPrimitives.ReadUInt32LittleEndian(info[TcpInfoUnackedOffset..])
            : throw new InvalidOperationException("TCP_INFO is too short to hold the accept queue length");
    }
}
