using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Flint.Bench.ColdStart;
using Flint.Bench.Direct;

namespace Flint.Bench.Gateway;

/// <summary>
/// Function calls timed by the same client the direct starts are timed by: one blocking socket, the request
/// written in one send and the response read with <see cref="RawHttpResponseParser"/>, on a thread of its own.
/// The connection to the gateway is kept alive between calls (as any HTTP client pools it) and opened again,
/// before the clock starts, when the gateway has closed it. So a cold start through Flint and a direct one differ
/// by what Flint does, not by which HTTP client measured them.
/// </summary>
public sealed class RawGatewayConnection : IDisposable
{
    private readonly IPEndPoint _gateway;
    private readonly string? _adminToken;
    private readonly TimeSpan _timeout;
    private readonly Lock _gate = new();
    private Socket? _socket;

    /// <summary>A connection to the gateway at <paramref name="gatewayUrl"/> (loopback only); <paramref name="adminToken"/>, when given, is sent as a bearer token.</summary>
    public RawGatewayConnection(Uri gatewayUrl, TimeSpan timeout, string? adminToken = null)
    {
        var url = LoopbackAddress.Require(gatewayUrl);
        _gateway = new IPEndPoint(IPAddress.Loopback, url.Port);
        _timeout = timeout;
        _adminToken = adminToken;
    }

    /// <summary>GETs <c>/function/{name}/{path}</c> on a thread of its own; throws <see cref="GatewayException"/> when no response came.</summary>
    public Task<Invocation> InvokeAsync(string name, string path) =>
        Task.Factory.StartNew(() => Invoke(name, path), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The blocking call <see cref="InvokeAsync"/> makes: timed from the request's send to the response's last byte.</summary>
    public Invocation Invoke(string name, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        lock (_gate)
        {
            var socket = Connected();
            var request = Encoding.ASCII.GetBytes(
                $"GET /function/{Uri.EscapeDataString(name)}/{path.TrimStart('/')} HTTP/1.1\r\nHost: {_gateway}\r\n"
                + (_adminToken is null ? "" : $"Authorization: Bearer {_adminToken}\r\n") + "\r\n");
            var parser = new RawHttpResponseParser();
            var start = Stopwatch.GetTimestamp();
            RawHttpReply reply;
            try
            {
                socket.Send(request);
                reply = parser.ReadFrom(socket);
            }
            catch (SocketException e)
            {
                Close();
                throw new GatewayException($"GET /function/{name}: {e.SocketErrorCode}");
            }

            var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (reply.Error is { } error)
            {
                Close();
                throw new GatewayException($"GET /function/{name}: {error}");
            }

            if (string.Equals(parser.Header("Connection"), "close", StringComparison.OrdinalIgnoreCase))
            {
                Close();
            }

            return new Invocation(
                reply.Status,
                reply.Body,
                total,
                parser.Header(GatewayClient.InstanceHeader),
                bool.TryParse(parser.Header(GatewayClient.ColdStartHeader), out var cold) ? cold : null,
                PhaseHeader.Parse(parser.Header(PhaseHeader.Name)));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Close();
        }
    }

    /// <summary>The kept-alive socket, or a new one when there is none or the gateway closed it (readable while idle means closed).</summary>
    private Socket Connected()
    {
        if (_socket is { } kept && !kept.Poll(0, SelectMode.SelectRead))
        {
            return kept;
        }

        Close();
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)_timeout.TotalMilliseconds,
            SendTimeout = (int)_timeout.TotalMilliseconds,
        };
        try
        {
            socket.Connect(_gateway);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new GatewayException($"could not connect to the gateway at {_gateway}: {e.SocketErrorCode}");
        }

        _socket = socket;
        return socket;
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }
}
