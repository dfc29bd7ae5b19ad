using System.Net;
using System.Net.Sockets;
using System.Text;
using Flint.Vm.Snapshots;
using Flint.Vm.Tests.Linux.Net;

namespace Flint.Vm.Tests.Snapshots;

/// <summary>
/// Snapshot and restore of a three-thread C server on every platform: the main thread blocked in accept, one
/// thread in a futex wait, one in epoll_wait. The snapshot is taken by the monitor when all three block; restored
/// instances answer with the state the booted one had at that moment, their waiting threads still wake, and two
/// restores of one snapshot do not see each other's writes.
/// </summary>
public sealed class VmSnapshotTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("flint-snapshot-tests-").FullName;

    public static TheoryData<string> Platforms => VmPlatforms.All();

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Restore_ThreadsBlockedInAcceptFutexAndEpoll_ResumeWithTheSnapshotState(string platform)
    {
        var path = Path.Combine(_directory, "server.snap");
        var booted = await StartAsync(platform, snapshot: new SnapshotRequest(path, "key-1"));
        var taken = await booted.Snapshot!.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.Null(taken);
        var atSnapshot = await booted.SendAsync("get");
        Assert.Matches("^seed [0-9a-f]+ counter 0 futex 0 epoll 0 pattern [0-9a-f]+\n$", atSnapshot);

        using var snapshot = VmSnapshot.Open(path);
        Assert.Equal("key-1", snapshot.Key);
        Assert.Equal(platform, snapshot.Platform);
        Assert.Equal(3, snapshot.Threads.Count);

        var first = await StartAsync(platform, restore: snapshot);
        var second = await StartAsync(platform, restore: snapshot);
        Assert.Equal(atSnapshot, await first.SendAsync("get"));
        Assert.Equal(atSnapshot, await second.SendAsync("get"));

        var incremented = await first.SendAsync("inc");
        Assert.Contains(" counter 1 futex 0 epoll 0 ", incremented, StringComparison.Ordinal);
        Assert.NotEqual(Pattern(atSnapshot), Pattern(incremented));
        Assert.Contains(" counter 1 futex 1 epoll 1 ", await first.SendAsync("wake"), StringComparison.Ordinal);

        // The other restore shares the snapshot's pages, not the first one's writes.
        Assert.Equal(atSnapshot, await second.SendAsync("get"));
        Assert.Contains(" counter 0 futex 1 epoll 1 ", await second.SendAsync("wake"), StringComparison.Ordinal);

        foreach (var instance in new[] { booted, first, second })
        {
            Assert.Equal("bye\n", await instance.SendAsync("quit"));
            var result = await instance.Run.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
            Assert.Equal(0, result.ExitCode);
            instance.Listener.Dispose();
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Pattern(string state) => state[(state.LastIndexOf(' ') + 1)..].Trim();

    private static async Task<Server> StartAsync(string platform, SnapshotRequest? snapshot = null, VmSnapshot? restore = null)
    {
        var listener = SocketServerTests.Loopback();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var taken = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new MemoryStream();
        var run = VmRunner.RunAsync(new VmRunOptions
        {
            ElfPath = GuestPrograms.Build("snapshot"),
            Stderr = stderr,
            ListenSocket = listener,
            Listening = () => listening.TrySetResult(),
            Timeout = TimeSpan.FromMinutes(2),
            Platform = VmPlatforms.Choice(platform),
            Snapshot = snapshot is null ? null : snapshot with { Completed = e => taken.TrySetResult(e) },
            RestoreFrom = restore,
        }, TestContext.Current.CancellationToken);
        await Task.WhenAny(listening.Task, run).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.True(listening.Task.IsCompleted, $"the guest never listened: {(run.IsFaulted ? run.Exception : Encoding.UTF8.GetString(stderr.ToArray()))}");
        return new Server(listener, run, snapshot is null ? null : taken.Task);
    }

    private sealed record Server(Socket Listener, Task<VmRunResult> Run, Task<Exception?>? Snapshot)
    {
        public async Task<string> SendAsync(string command)
        {
            using var client = new TcpClient();
            await client.ConnectAsync((IPEndPoint)Listener.LocalEndPoint!, TestContext.Current.CancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command), TestContext.Current.CancellationToken);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadToEndAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        }
    }
}
