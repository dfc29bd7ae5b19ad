using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Flint.Runtimes.Common;

/// <summary>Waits until an instance accepts a TCP connection on its loopback port.</summary>
public static class ReadinessProbe
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Connects repeatedly until a connection succeeds (returns the Stopwatch timestamp of that
    /// moment), the instance dies (<paramref name="hasExited"/> turns true), or the timeout passes.
    /// </summary>
    public static async Task<long> WaitAsync(int port, TimeSpan timeout, Func<bool> hasExited, CancellationToken cancellationToken)
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
                    return Stopwatch.GetTimestamp();
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
