using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Flint.Bench.Direct;

/// <summary>
/// What a user with no platform does to find out a freshly started server is up: connect to its
/// loopback port every 0.1 ms until it accepts, send one <c>GET</c>, read the response. Blocking
/// sockets on the calling thread, so nothing but the polling itself sits between start and answer.
/// </summary>
public static class FirstResponse
{
    /// <summary>The wait between refused connection attempts.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromTicks(1_000);

    /// <param name="port">The loopback port the server binds.</param>
    /// <param name="path">The request path.</param>
    /// <param name="timeout">How long to keep trying, and then to wait for the answer.</param>
    /// <param name="gaveUp">Polled between attempts: true when the server can no longer come up (it exited).</param>
    public static RawHttpReply Get(int port, string path, TimeSpan timeout, Func<bool> gaveUp)
    {
        ArgumentNullException.ThrowIfNull(gaveUp);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Connect(endpoint);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                if (gaveUp())
                {
                    return RawHttpReply.Failed("the server exited before it accepted a connection");
                }

                if (Stopwatch.GetTimestamp() > deadline)
                {
                    return RawHttpReply.Failed($"nothing accepted on port {port} within {timeout.TotalSeconds:0.#} s");
                }

                Pause(PollInterval);
                continue;
            }

            return Exchange(socket, path, timeout);
        }
    }

    /// <summary>Sends <c>GET path</c> on a connected socket and reads one response (keep-alive or not).</summary>
    public static RawHttpReply Exchange(Socket socket, string path, TimeSpan timeout, bool keepAlive = false)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        var request = $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{(keepAlive ? "" : "Connection: close\r\n")}\r\n";
        try
        {
            socket.Send(Encoding.ASCII.GetBytes(request));
            return new RawHttpResponseParser().ReadFrom(socket);
        }
        catch (SocketException e)
        {
            return RawHttpReply.Failed($"after connecting: {e.SocketErrorCode}");
        }
    }

    /// <summary>Waits about <paramref name="interval"/>, yielding the CPU rather than sleeping a whole timer tick.</summary>
    private static void Pause(TimeSpan interval)
    {
        var until = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.Yield();
        }
    }
}
