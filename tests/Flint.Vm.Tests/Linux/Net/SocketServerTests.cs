using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Flint.Vm.Tests.Linux.Net;

/// <summary>
/// A blocking C HTTP server in a real Flint VM, on every platform: it binds a port of its own choosing, and its
/// listening socket is the host socket the test lends it; the test talks to it through that socket.
/// </summary>
public sealed class SocketServerTests
{
    public static TheoryData<string> Platforms => VmPlatforms.All();

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_BlockingHttpServer_AnswersThroughTheLentSocket(string platform)
    {
        using var listener = Loopback();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var run = VmRunner.RunAsync(new VmRunOptions
        {
            ElfPath = GuestPrograms.Build("httpserver"),
            Args = ["2"],
            Env = ["PORT=8080"],
            Stdout = stdout,
            Stderr = stderr,
            ListenSocket = listener,
            Listening = () => listening.TrySetResult(),
            Timeout = TimeSpan.FromMinutes(1),
            Platform = VmPlatforms.Choice(platform),
        }, TestContext.Current.CancellationToken);

        await Task.WhenAny(listening.Task, run).WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(listening.Task.IsCompleted, "the guest never listened: " + Encoding.UTF8.GetString(stderr.ToArray()));

        using var client = new HttpClient();
        for (var i = 0; i < 2; i++)
        {
            var body = await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), TestContext.Current.CancellationToken);
            Assert.Equal("hello from the vm: self 127.0.0.1:8080 peer-family 2 peerlen 16\n", body);
        }

        var result = await run;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("served 2\n", Encoding.UTF8.GetString(stdout.ToArray()));

        // The guest closed its listening socket; the host's is still open and bound.
        Assert.Equal(port, ((IPEndPoint)listener.LocalEndPoint!).Port);
        Assert.False(listener.SafeHandle.IsClosed);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_GuestBlockedInAccept_StopsOnCancellation(string platform)
    {
        using var listener = Loopback();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = VmRunner.RunAsync(new VmRunOptions
        {
            ElfPath = GuestPrograms.Build("httpserver"),
            ListenSocket = listener,
            Listening = () => listening.TrySetResult(),
            Platform = VmPlatforms.Choice(platform),
        }, cancel.Token);

        await listening.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
        Assert.False(listener.SafeHandle.IsClosed);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_NoListenSocket_BindIsRefused(string platform)
    {
        using var stderr = new MemoryStream();
        var result = await VmRunner.RunAsync(new VmRunOptions
        {
            ElfPath = GuestPrograms.Build("httpserver"),
            Stderr = stderr,
            Timeout = TimeSpan.FromMinutes(1),
            Platform = VmPlatforms.Choice(platform),
        }, TestContext.Current.CancellationToken);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("bind: Permission denied\n", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    internal static Socket Loopback()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(16);
        return socket;
    }
}
