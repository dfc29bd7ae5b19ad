using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Flint.Runtimes.Docker;

/// <summary>
/// Waits until a container listens on its leased loopback port. A container binds its own socket, so
/// a connection alone proves nothing; the probe also requires that the listening socket is held by
/// the container's own process (see <see cref="ListenerOwner"/>).
/// </summary>
internal static class DockerReadiness
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Connects repeatedly until a connection succeeds (returns the Stopwatch timestamp of that
    /// moment), the instance dies (<paramref name="hasExited"/> turns true), or the timeout passes;
    /// then requires <paramref name="ownerPid"/>'s process to hold the listening socket.
    /// </summary>
    public static async Task<long> WaitAsync(
        int port, TimeSpan timeout, Func<bool> hasExited, Func<CancellationToken, Task<int?>> ownerPid, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                try
                {
                    await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                    var connected = Stopwatch.GetTimestamp();
                    if (await ownerPid(cancellationToken).ConfigureAwait(false) is { } pid && ListenerOwner.Holds(pid, port))
                    {
                        return connected;
                    }

                    throw new InstanceStartException($"port {port} is answered by a process outside the instance; refusing to forward to it");
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
                {
                }
            }

            if (hasExited())
            {
                throw new InstanceStartException($"the instance exited before listening on port {port}");
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new InstanceStartException($"the instance did not listen on port {port} within {timeout.TotalSeconds:0.###} s");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
