using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Flint.Runtimes.Common;

/// <summary>
/// Finds out when an instance accepts on its <see cref="InstanceListener"/>. The kernel completes
/// connections into the socket's queue before anyone accepts, so a connect proves nothing: the probe
/// connects (at once, so that it is queued ahead of any request sent after it), sends nothing and shuts its
/// side down. An instance that accepts it reads end-of-file and closes it, or dies holding it, which closes it
/// too: either way the probe reads end-of-file. A probe still queued when the instance dies is reset by the
/// host (<see cref="InstanceListener.RefuseAfter"/>). So the probe's own ending says, without polling,
/// whether the instance took it; and since the queue is first in, first out, whether it took any connection
/// queued after it. Meanwhile the queue's length is watched too (<c>TCP_INFO</c>), for an instance that
/// accepts the probe but never closes it.
/// </summary>
internal sealed class AcceptProbe : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>How long the probe's ending may take to arrive once the instance has exited.</summary>
    private static readonly TimeSpan ExitSettle = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an empty queue must stay empty to count when the probe was never seen in it: the
    /// handshake's last ACK may not have reached the queue when the first look comes.
    /// </summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(20);

    private readonly InstanceListener _listener;
    private readonly Socket _socket;
    private readonly Task<int> _ended;

    private AcceptProbe(InstanceListener listener, Socket socket)
    {
        _listener = listener;
        _socket = socket;
        _ended = socket.ReceiveAsync(new byte[1], SocketFlags.None);
        _ = _ended.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Connects the probe now; the connection waits in the listener's queue.</summary>
    public static AcceptProbe Connect(InstanceListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(new IPEndPoint(IPAddress.Loopback, listener.Port));
            socket.Shutdown(SocketShutdown.Send);
            return new AcceptProbe(listener, socket);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InstanceStartException($"could not connect to the instance's socket (port {listener.Port}): {e.Message}", e);
        }
    }

    /// <summary>
    /// Waits until the instance has accepted the probe and returns the <see cref="Stopwatch"/> timestamp of
    /// that moment. Throws <see cref="InstanceStartException"/> when the instance exits without having taken
    /// it (<paramref name="hasExited"/>) or the timeout passes.
    /// </summary>
    public async Task<long> WaitAsync(TimeSpan timeout, Func<bool> hasExited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hasExited);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var settled = Stopwatch.GetTimestamp() + (long)(SettleTime.TotalSeconds * Stopwatch.Frequency);
        var seenQueued = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_ended.IsCompletedSuccessfully)
            {
                return Stopwatch.GetTimestamp();
            }

            // The queue is read before the exit is: once the instance is gone, the host empties the queue.
            var queued = _listener.AcceptQueueLength();
            if (hasExited())
            {
                return await EndedBeforeExitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (queued > 0)
            {
                seenQueued = true;
            }
            else if (seenQueued || Stopwatch.GetTimestamp() > settled)
            {
                return Stopwatch.GetTimestamp();
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new InstanceStartException($"the instance did not accept a connection on its socket (port {_listener.Port}, passed as descriptor 3 with LISTEN_FDS=1) within {timeout.TotalSeconds:0.###} s");
            }

            var tick = Task.Delay(PollInterval, cancellationToken);
            await (_ended.IsCompleted ? tick : Task.WhenAny(_ended, tick)).ConfigureAwait(false);
        }
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>The instance has exited: whether it took the probe first is the probe's ending (end-of-file, not a reset).</summary>
    private async Task<long> EndedBeforeExitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _ended.WaitAsync(ExitSettle, cancellationToken).ConfigureAwait(false);
            return Stopwatch.GetTimestamp();
        }
        catch (Exception e) when (e is SocketException or TimeoutException or ObjectDisposedException)
        {
            throw new InstanceStartException($"the instance exited before accepting a connection on its socket (port {_listener.Port}, passed as descriptor 3 with LISTEN_FDS=1)");
        }
    }
}
