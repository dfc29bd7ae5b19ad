using System.Net;
using Flint.Testing;

namespace Flint.Gateway.Tests.Scaling;

/// <summary>Counts every child of the test process, so these tests run alone.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class ChildProcessCounting;

[Collection(typeof(ChildProcessCounting))]
public sealed class NoOrphansTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Fact]
    public async Task Invoke_HundredSingleUseRequests_LeaveNoChildProcess()
    {
        await _gateway.DeployHelloAsync("burst");
        using (await _gateway.Client.GetAsync("/function/burst/", TestContext.Current.CancellationToken))
        {
        }

        // Counted once the first instance's stop is over: it leaves one launcher holding for the function's next start, which the burst reuses.
        Assert.True(await Eventually.TrueAsync(() => _gateway.AllStoppedAsync("burst")));
        var before = ChildProcesses.OfThisProcess().Count;

        for (var i = 0; i < 100; i++)
        {
            using var response = await _gateway.Client.GetAsync("/function/burst/", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(
            await Eventually.TrueAsync(() => ChildProcesses.OfThisProcess().Count == before),
            $"children left: {string.Join(", ", ChildProcesses.OfThisProcess())}");
    }

    [Fact]
    public async Task Invoke_HundredSingleUseRequests_LeaveNoPipeOpenWithoutAGarbageCollection()
    {
        await _gateway.DeployHelloAsync("pipes");
        using (await _gateway.Client.GetAsync("/function/pipes/", TestContext.Current.CancellationToken))
        {
        }

        // Counted once the first instance's stop is over: it prepares the function's next start (two output pipes), which the burst reuses.
        Assert.True(await Eventually.TrueAsync(() => _gateway.AllStoppedAsync("pipes")));
        var before = OpenPipes();
        for (var i = 0; i < 100; i++)
        {
            using var response = await _gateway.Client.GetAsync("/function/pipes/", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(
            await Eventually.TrueAsync(() => OpenPipes() <= before),
            $"{OpenPipes() - before} more pipe descriptors open than before the burst");
    }

    [Fact]
    public async Task Invoke_HundredSingleUseRequests_LeaveNoConnectionToADeadInstance()
    {
        await _gateway.DeployHelloAsync("connections");
        using (await _gateway.Client.GetAsync("/function/connections/", TestContext.Current.CancellationToken))
        {
        }

        var before = ClosingSockets();
        for (var i = 0; i < 100; i++)
        {
            using var response = await _gateway.Client.GetAsync("/function/connections/", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Not waited for: the handler's idle scavenger would close them a minute or so later.
        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("connections") == 0));
        var after = ClosingSockets();
        Assert.True(after <= before, $"{after - before} more sockets in CLOSE_WAIT (the instance gone, the gateway's side never closed) than before the burst");
    }

    [Fact]
    public async Task Shutdown_WithWarmInstances_StopsThemAll()
    {
        await _gateway.DeployHelloAsync("warm", new { mode = "keep-warm", maxConcurrency = 1 });
        var held = new TrickleContent();
        var heldResponse = _gateway.Client.PostAsync("/function/warm/echo", held, TestContext.Current.CancellationToken);
        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("warm") == 1));
        using var other = await _gateway.Client.GetAsync("/function/warm/", TestContext.Current.CancellationToken);
        // The first instance may still be on its way from the launcher to the function's executable.
        Assert.True(await Eventually.TrueAsync(() => ChildProcesses.RunningFrom(_data.Path).Count == 2));
        held.Finish();
        (await heldResponse).Dispose();

        await _gateway.DisposeAsync();

        Assert.Empty(ChildProcesses.RunningFrom(_data.Path));
    }

    [Fact]
    public async Task Dispose_RightAfterASingleUseResponse_WaitsForThatInstancesStop()
    {
        await _gateway.DeployAsync("stubborn", await NativeTestFunctions.IgnoresSigtermAsync(), new { mode = "single-use" });
        var before = ChildProcesses.OfThisProcess().Count;
        using (var response = await _gateway.Client.GetAsync("/function/stubborn/", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Its stop runs after the response, off the connection, and lasts the 2 s grace (the function ignores SIGTERM):
        // shutting down must wait for it, so nothing of the instance is left once the gateway is gone.
        await _gateway.DisposeAsync();

        Assert.Equal(before, ChildProcesses.OfThisProcess().Count);
        var records = Path.Combine(_data.Path, "process", "instances");
        Assert.True(!Directory.Exists(records) || !Directory.EnumerateFileSystemEntries(records).Any(), "an instance record is left");
        Assert.True(!Directory.Exists(Path.Combine(_data.Path, "process", "work")) || !Directory.EnumerateFileSystemEntries(Path.Combine(_data.Path, "process", "work")).Any(), "a working directory is left");
    }

    /// <summary>Pipe descriptors this process holds (instances' output pipes among them).</summary>
    private static int OpenPipes() =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd").Count(fd => new FileInfo(fd).LinkTarget?.StartsWith("pipe:", StringComparison.Ordinal) == true);

    /// <summary>This process's TCP sockets in CLOSE_WAIT (st 08): the peer closed, this side never did.</summary>
    private static int ClosingSockets()
    {
        var held = Directory.EnumerateFileSystemEntries("/proc/self/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Where(target => target?.StartsWith("socket:[", StringComparison.Ordinal) == true)
            .Select(target => target![8..^1])
            .ToHashSet(StringComparer.Ordinal);
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .Where(File.Exists)
            .SelectMany(table => File.ReadLines(table).Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields.Length > 9 && fields[3] == "08" && held.Contains(fields[9]));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
