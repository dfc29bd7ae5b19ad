using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Flint.Runtimes.Vm;

/// <summary>
/// The one request a <c>vm-snapshot</c> boot answers before its snapshot: <c>GET /</c> marked with
/// <c>X-Flint-Warmup: 1</c> and <c>Connection: close</c>, so that the threads and lazy state a runtime creates on its
/// first request are in the snapshot, and no client's data ever is. Any complete response will do; the status is
/// the function's business.
/// </summary>
internal static class WarmUpRequest
{
    public const string Header = "X-Flint-Warmup";
    private static readonly byte[] Request = Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{Header}: 1\r\nConnection: close\r\n\r\n");

    /// <returns>Null when the function answered, else what went wrong.</returns>
    public static async Task<string?> SendAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(Request, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var buffer = new byte[16 * 1024];
            var received = 0;
            int count;
            while ((count = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false)) > 0)
            {
                received += count;
            }

            return received > 0 ? null : "the function closed the connection without a response";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no response within {timeout.TotalSeconds:0.###} s";
        }
        catch (SocketException e)
        {
            return e.Message;
        }
    }
}
