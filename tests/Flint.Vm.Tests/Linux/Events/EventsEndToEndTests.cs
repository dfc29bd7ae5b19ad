using System.Net;
using System.Net.Sockets;
using System.Text;
using Flint.Interop.Libc;
using Flint.Testing;
using Flint.Vm.Tests.Linux.Net;

namespace Flint.Vm.Tests.Linux.Events;

/// <summary>epoll, eventfd, pipes and poll in real guests, on every platform.</summary>
public sealed class EventsEndToEndTests
{
    public static TheoryData<string> Platforms => VmPlatforms.All();

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_EventfdAndPipes_MatchNative(string platform)
    {
        var elf = GuestPrograms.Build("events");
        using var stdout = new MemoryStream();
        var result = await VmRunner.RunAsync(new VmRunOptions
        {
            ElfPath = elf,
            Stdout = stdout,
            Timeout = TimeSpan.FromMinutes(1),
            Platform = VmPlatforms.Choice(platform),
        }, TestContext.Current.CancellationToken);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(NativeProgram.Run(elf, []).Stdout, Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_EpollEchoServer_EchoesEveryClientAndRefusesHostileCalls(string platform)
    {
        const int Clients = 3;
        using var listener = SocketServerTests.Loopback();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var run = VmRunner.RunAsync(new VmRunOptions
        {
            ElfPath = GuestPrograms.Build("epollecho"),
            Args = [Clients.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Stdout = stdout,
            Stderr = stderr,
            ListenSocket = listener,
            Listening = () => listening.TrySetResult(),
            Timeout = TimeSpan.FromMinutes(1),
            Platform = VmPlatforms.Choice(platform),
        }, TestContext.Current.CancellationToken);
        await Task.WhenAny(listening.Task, run).WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(listening.Task.IsCompleted, Encoding.UTF8.GetString(stderr.ToArray()));

        var clients = new List<TcpClient>();
        for (var i = 0; i < Clients; i++)
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            clients.Add(client);
        }

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < Clients; i++)
            {
                var message = Encoding.ASCII.GetBytes($"client {i} round {round}");
                var stream = clients[i].GetStream();
                await stream.WriteAsync(message, TestContext.Current.CancellationToken);
                var echoed = new byte[message.Length];
                await stream.ReadExactlyAsync(echoed, TestContext.Current.CancellationToken);
                Assert.Equal(message, echoed);
            }
        }

        clients.ForEach(c => c.Dispose());
        var result = await run;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            $"hostile {-Errno.EFAULT} {-Errno.EFAULT} {-Errno.EFAULT} {-Errno.EEXIST} {-Errno.EACCES}\nclosed {Clients}\n",
            Encoding.UTF8.GetString(stdout.ToArray()));
    }
}
