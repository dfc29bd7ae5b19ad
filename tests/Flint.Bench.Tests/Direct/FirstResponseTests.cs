using System.Net;
using System.Net.Sockets;
using System.Text;
using Flint.Bench.Direct;

namespace Flint.Bench.Tests.Direct;

public sealed class FirstResponseTests
{
    [Fact]
    public async Task Get_ServerListensLater_PollsUntilItAcceptsAndReadsTheAnswer()
    {
        var port = FreePort();
        var server = Task.Run(async () =>
        {
            await Task.Delay(100);
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            listener.Listen();
            using var connection = await listener.AcceptAsync();
            var request = new byte[1024];
            var length = await connection.ReceiveAsync(request);
            await connection.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nhi\n"u8.ToArray());
            return Encoding.ASCII.GetString(request, 0, length);
        });

        var reply = FirstResponse.Get(port, "/", TimeSpan.FromSeconds(10), () => false);

        Assert.Equal(new RawHttpReply(200, "hi\n", null), reply);
        var request = await server;
        Assert.StartsWith("GET / HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains("Connection: close\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_ServerGaveUp_FailsAtOnceWithReason()
    {
        var reply = FirstResponse.Get(FreePort(), "/", TimeSpan.FromSeconds(10), () => true);

        Assert.Equal(0, reply.Status);
        Assert.Equal("the server exited before it accepted a connection", reply.Error);
    }

    [Fact]
    public void Get_NothingListens_FailsAfterTheTimeout()
    {
        var port = FreePort();

        var reply = FirstResponse.Get(port, "/", TimeSpan.FromMilliseconds(50), () => false);

        Assert.Equal($"nothing accepted on port {port} within 0.1 s", reply.Error);
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
