using Flint.Runtimes.Docker;
using Flint.Runtimes.Oci;
using Flint.Runtimes.Tests.Oci;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Docker;

public sealed class DockerRuntimeTests : IClassFixture<DockerDaemonFixture>, IAsyncDisposable
{
    private const int Cycles = 200;

    private readonly DockerDaemonFixture _daemon;
    private readonly IInstanceRuntime _runtime = DockerRuntimes.Create(Path.Combine(Path.GetTempPath(), "flint-docker-tests"));
    private readonly RecordingLog _log = new();

    public DockerRuntimeTests(DockerDaemonFixture daemon)
    {
        _daemon = daemon;
    }

    [Fact]
    public async Task StartAsync_Hello_AnswersGetAndStopLeavesNothing()
    {
        RequireDaemon();
        var image = await ReferenceFunctions.HelloImageAsync();

        var instance = await _runtime.StartAsync(Spec("dhello", image), TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        var body = await client.GetStringAsync(instance.Endpoint, TestContext.Current.CancellationToken);
        await _runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Flint!\n", body);
        Assert.NotNull(instance.Phases[InstancePhases.Stopped]);
        Assert.Empty(Containers("dhello"));
    }

    [Fact]
    public async Task StartStop_ManyCycles_LeaveNoContainers()
    {
        RequireDaemon();
        var image = await ReferenceFunctions.HelloImageAsync();
        var spec = Spec("dcycle", image, new ResourceLimits(MemoryBytes: 128 << 20, Cpus: 1, Pids: 64));

        for (var i = 0; i < Cycles; i++)
        {
            var instance = await _runtime.StartAsync(spec, TestContext.Current.CancellationToken);
            await _runtime.StopAsync(instance, TestContext.Current.CancellationToken);
        }

        Assert.Empty(Containers("dcycle"));
    }

    [Fact]
    public async Task StartAsync_SpecEnvironment_ReachesFunction()
    {
        RequireDaemon();
        using var build = new TempDirectory();
        var image = TestPrograms.Build(build, "denv", TestPrograms.PrintEnvironment);
        var environment = new Dictionary<string, string> { ["GREETING"] = "hi there" };

        var failure = await Assert.ThrowsAsync<InstanceStartException>(
            () => _runtime.StartAsync(Spec("denv", image, environment: environment), TestContext.Current.CancellationToken));

        Assert.Contains("GREETING=hi there", failure.OutputTail, StringComparison.Ordinal);
        Assert.Contains("PATH=/", failure.OutputTail, StringComparison.Ordinal);
        Assert.Empty(Containers("denv"));
    }

    [Fact]
    public async Task StartAsync_ExitsAtStart_ThrowsWithOutputTail()
    {
        RequireDaemon();
        using var build = new TempDirectory();
        var image = TestPrograms.Build(build, "dcrash", TestPrograms.ExitAtStart);

        var failure = await Assert.ThrowsAsync<InstanceStartException>(
            () => _runtime.StartAsync(Spec("dcrash", image), TestContext.Current.CancellationToken));

        Assert.Contains("no configuration, giving up", failure.OutputTail, StringComparison.Ordinal);
        Assert.False(OomKill.WasMemoryLimitExceeded(failure));
        Assert.Empty(Containers("dcrash"));
    }

    [Fact]
    public async Task StartAsync_ExceedsMemoryLimit_ReportsOomKill()
    {
        RequireDaemon();
        using var build = new TempDirectory();
        var image = TestPrograms.Build(build, "dhog", TestPrograms.AllocateForever);

        var failure = await Assert.ThrowsAsync<InstanceStartException>(
            () => _runtime.StartAsync(Spec("dhog", image, new ResourceLimits(MemoryBytes: 32 << 20)), TestContext.Current.CancellationToken));

        Assert.True(OomKill.WasMemoryLimitExceeded(failure), failure.Message);
        Assert.Empty(Containers("dhog"));
    }

    [Fact]
    public async Task SweepLeftoversAsync_ContainersOfAnEarlierHostOnTheSameState_AreRemovedAndOthersKept()
    {
        RequireDaemon();
        var image = await ReferenceFunctions.HelloImageAsync();
        using var state = new TempDirectory("flint-docker-state");
        var abandoning = DockerRuntimes.Create(state.Path);
        var abandoned = await abandoning.StartAsync(Spec("dabandoned", image), TestContext.Current.CancellationToken);
        var kept = await _runtime.StartAsync(Spec("dkept", image), TestContext.Current.CancellationToken);

        // Another host on another state directory, then the next host on the same one.
        var unrelated = await DockerRuntimes.Create(Path.Combine(state.Path, "elsewhere")).SweepLeftoversAsync(TestContext.Current.CancellationToken);
        var removed = await DockerRuntimes.Create(state.Path).SweepLeftoversAsync(TestContext.Current.CancellationToken);
        var keptRemains = Containers("dkept");
        await _runtime.StopAsync(kept, TestContext.Current.CancellationToken);
        await abandoning.StopAsync(abandoned, TestContext.Current.CancellationToken);

        Assert.Equal(0, unrelated);
        Assert.Equal(1, removed);
        Assert.Empty(Containers("dabandoned"));
        Assert.Single(keptRemains);
    }

    public async ValueTask DisposeAsync() => await ((IAsyncDisposable)_runtime).DisposeAsync();

    private static string[] Containers(string functionName) =>
        Command.Lines("docker", "ps", "--all", "--quiet", "--filter", $"label={DockerRuntimes.FunctionLabel}={functionName}");

    private void RequireDaemon()
    {
        if (_daemon.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private InstanceSpec Spec(string functionName, Images.FunctionImage image, ResourceLimits? limits = null, IReadOnlyDictionary<string, string>? environment = null) =>
        new(functionName, image, environment ?? new Dictionary<string, string>(), limits ?? ResourceLimits.None, TimeSpan.FromSeconds(30), _log);
}
