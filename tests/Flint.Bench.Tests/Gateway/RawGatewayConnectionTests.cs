using System.Net;
using System.Net.Sockets;
using System.Text;
using Flint.Bench.Gateway;

namespace Flint.Bench.Tests.Gateway;

public sealed class RawGatewayConnectionTests
{
    private const string Answer =
        "HTTP/1.1 200 OK\r\nContent-Length: 18\r\nX-Flint-Instance: hello-1\r\nX-Flint-Cold-Start: true\r\n"
        + "X-Flint-Phases: create=0.1ms;launched=0.5ms\r\n{0}\r\nHello from Flint!\n";

    [Fact]
    public async Task InvokeAsync_TwoCalls_OneKeptAliveConnectionAndTheGatewaysHeadersRead()
    {
        using var server = new ScriptedServer(closeAfterEach: false);
        using var connection = new RawGatewayConnection(server.Url, TimeSpan.FromSeconds(10), "secret");

        var first = await connection.InvokeAsync("hello", "/");
        var second = await connection.InvokeAsync("hello", "/path");

        Assert.Equal(1, server.Accepted);
        Assert.Equal((200, "Hello from Flint!\n", "hello-1", true), (first.Status, first.Body, first.Instance, first.ColdStart));
        Assert.Equal(["create", "launched"], first.Phases.Select(p => p.Name));
        Assert.True(second.TotalMilliseconds > 0);
        Assert.StartsWith("GET /function/hello/ HTTP/1.1\r\n", server.Requests[0], StringComparison.Ordinal);
        Assert.StartsWith("GET /function/hello/path HTTP/1.1\r\n", server.Requests[1], StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer secret\r\n", server.Requests[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_GatewayClosedTheConnection_ConnectsAgainForTheNextCall()
    {
        using var server = new ScriptedServer(closeAfterEach: true);
        using var connection = new RawGatewayConnection(server.Url, TimeSpan.FromSeconds(10));

        await connection.InvokeAsync("hello", "/");
        var second = await connection.InvokeAsync("hello", "/");

        Assert.Equal(2, server.Accepted);
        Assert.Equal(200, second.Status);
        Assert.DoesNotContain("Authorization", server.Requests[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ConnectionClosedWithoutAnswer_GatewayExceptionSaysSo()
    {
        using var server = new ScriptedServer(closeAfterEach: true, answer: false);
        using var connection = new RawGatewayConnection(server.Url, TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<GatewayException>(() => connection.InvokeAsync("hello", "/"));

        Assert.Contains("connection closed before any response", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A loopback server that answers each request with <see cref="Answer"/>, on one connection or closing after each.</summary>
    private sealed class ScriptedServer : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly Task _serving;
        private int _accepted;

        public ScriptedServer(bool closeAfterEach, bool answer = true)
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");
            _serving = Task.Run(() => Serve(closeAfterEach, answer));
        }

        public Uri Url { get; }

        public int Accepted => Volatile.Read(ref _accepted);

        public List<string> Requests { get; } = [];

        public void Dispose()
        {
            _listener.Dispose();
            _serving.Wait(TimeSpan.FromSeconds(5));
        }

        private async Task Serve(bool closeAfterEach, bool answer)
        {
            try
            {
                while (true)
                {
                    using var connection = await _listener.AcceptAsync();
                    Interlocked.Increment(ref _accepted);
                    var buffer = new byte[4096];
                    while (await connection.ReceiveAsync(buffer) is > 0 and var length)
                    {
                        lock (Requests)
                        {
                            Requests.Add(Encoding.ASCII.GetString(buffer, 0, length));
                        }

                        if (answer)
                        {
                            var close = closeAfterEach ? "Connection: close\r\n" : "";
                            await connection.SendAsync(Encoding.ASCII.GetBytes(Answer.Replace("{0}", close, StringComparison.Ordinal)));
                        }

                        if (closeAfterEach)
                        {
                            break;
                        }
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The listener was closed: the test is over.
            }
        }
    }
}
