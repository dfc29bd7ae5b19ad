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

    /// <summary>Pipe descriptors this process holds (instances' output pipes among them).</summary>
    private static int OpenPipes() =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd").Count(fd => new FileInfo(fd).LinkTarget?.StartsWith("pipe:", StringComparison.Ordinal) == true);

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
