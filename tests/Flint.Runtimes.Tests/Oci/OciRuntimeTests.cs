using Flint.Runtimes.Oci;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Oci;

public sealed class OciRuntimeTests
{
    [Theory]
    [InlineData(RuntimeNames.Crun)]
    [InlineData(RuntimeNames.Runc)]
    public async Task StartAsync_Hello_AnswersGetAndStopLeavesNothing(string runtimeName)
    {
        await using var fixture = OciRuntimeFixture.Create(runtimeName);
        var image = await ReferenceFunctions.HelloImageAsync();

        var instance = await fixture.Runtime.StartAsync(fixture.Spec("hello", image), TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        var body = await client.GetStringAsync(instance.Endpoint, TestContext.Current.CancellationToken);
        await fixture.Runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Flint!\n", body);
        Assert.NotNull(instance.Phases[InstancePhases.Ready]);
        Assert.NotNull(instance.Phases[InstancePhases.Stopped]);
        Assert.Empty(await fixture.LeftoversAsync("hello"));
    }

    [Theory]
    [InlineData(RuntimeNames.Crun)]
    [InlineData(RuntimeNames.Runc)]
    public async Task SweepLeftoversAsync_LeftoversOfAKilledFlint_AreRemovedAndOwnInstancesKept(string runtimeName)
    {
        await using var fixture = OciRuntimeFixture.Create(runtimeName);
        var image = await ReferenceFunctions.HelloImageAsync();
        var abandoned = await fixture.Runtime.StartAsync(fixture.Spec("abandoned", image), TestContext.Current.CancellationToken);

        // A second runtime over the same state directory stands for the next Flint process after a crash.
        await using var next = (IAsyncDisposable)OciRuntimes.Create(runtimeName, fixture.StateDirectory);
        var runtime = (IInstanceRuntime)next;
        var fresh = await runtime.StartAsync(fixture.Spec("fresh", image), TestContext.Current.CancellationToken);
        var removed = await runtime.SweepLeftoversAsync(TestContext.Current.CancellationToken);
        var whileFreshRuns = await fixture.LeftoversAsync("abandoned");
        await runtime.StopAsync(fresh, TestContext.Current.CancellationToken);

        Assert.Equal(1, removed);
        Assert.NotEmpty(whileFreshRuns);
        Assert.All(whileFreshRuns, leftover => Assert.Contains("flint-fresh-", leftover, StringComparison.Ordinal));
        Assert.Empty(await fixture.LeftoversAsync("fresh"));
        await fixture.Runtime.StopAsync(abandoned, TestContext.Current.CancellationToken);
        Assert.NotNull(abandoned.Phases[InstancePhases.Stopped]);
    }

    [Theory]
    [InlineData(RuntimeNames.Crun)]
    [InlineData(RuntimeNames.Runc)]
    public async Task StartAsync_ExitsAtStart_ThrowsWithOutputTail(string runtimeName)
    {
        await using var fixture = OciRuntimeFixture.Create(runtimeName);
        using var build = new TempDirectory();
        var image = TestPrograms.Build(build, "crash", TestPrograms.ExitAtStart);

        var failure = await Assert.ThrowsAsync<InstanceStartException>(
            () => fixture.Runtime.StartAsync(fixture.Spec("crash", image), TestContext.Current.CancellationToken));

        Assert.Contains("no configuration, giving up", failure.OutputTail, StringComparison.Ordinal);
        Assert.False(OomKill.WasMemoryLimitExceeded(failure));
        Assert.Empty(await fixture.LeftoversAsync("crash"));
    }

    [Theory]
    [InlineData(RuntimeNames.Crun)]
    [InlineData(RuntimeNames.Runc)]
    public async Task StartAsync_HandedOffAtLaunch_RequestSentAtOnceIsAnsweredThenAcceptingCompletes(string runtimeName)
    {
        await using var fixture = OciRuntimeFixture.Create(runtimeName);
        var image = await ReferenceFunctions.HelloImageAsync();

        var instance = await fixture.Runtime.StartAsync(fixture.Spec("early", image) with { HandOffAtLaunch = true }, TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        var body = await client.GetStringAsync(instance.Endpoint, TestContext.Current.CancellationToken);
        await instance.Accepting;
        await fixture.Runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Flint!\n", body);
        Assert.NotNull(instance.Phases[InstancePhases.Launched]);
        Assert.NotNull(instance.Phases[InstancePhases.Ready]);
        Assert.Empty(await fixture.LeftoversAsync("early"));
    }

    [Theory]
    [InlineData(RuntimeNames.Crun)]
    [InlineData(RuntimeNames.Runc)]
    public async Task StartAsync_HandedOffAtLaunchThenExitsAtStart_AcceptingFailsWithOutputTailAndLeavesNothing(string runtimeName)
    {
        await using var fixture = OciRuntimeFixture.Create(runtimeName);
        using var build = new TempDirectory();
        var image = TestPrograms.Build(build, "crash", TestPrograms.ExitAtStart);

        var instance = await fixture.Runtime.StartAsync(fixture.Spec("crash", image) with { HandOffAtLaunch = true }, TestContext.Current.CancellationToken);
        var failure = await Assert.ThrowsAsync<InstanceStartException>(() => instance.Accepting);

        Assert.Contains("no configuration, giving up", failure.OutputTail, StringComparison.Ordinal);
        Assert.Null(instance.Phases[InstancePhases.Ready]);
        Assert.Empty(await fixture.LeftoversAsync("crash"));
    }

    [Theory]
    [InlineData(RuntimeNames.Crun)]
    [InlineData(RuntimeNames.Runc)]
    public async Task StartAsync_ExceedsMemoryLimit_ReportsOomKill(string runtimeName)
    {
        await using var fixture = OciRuntimeFixture.Create(runtimeName);
        using var build = new TempDirectory();
        var image = TestPrograms.Build(build, "hog", TestPrograms.AllocateForever);

        var failure = await Assert.ThrowsAsync<InstanceStartException>(
            () => fixture.Runtime.StartAsync(fixture.Spec("hog", image, new ResourceLimits(MemoryBytes: 32 << 20)), TestContext.Current.CancellationToken));

        Assert.True(OomKill.WasMemoryLimitExceeded(failure), failure.Message);
        Assert.Contains(OomKill.Message, failure.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.LeftoversAsync("hog"));
    }

    [Theory]
    [InlineData(RuntimeNames.Crun)]
    [InlineData(RuntimeNames.Runc)]
    public async Task StartAsync_SpecEnvironment_ReachesFunction(string runtimeName)
    {
        await using var fixture = OciRuntimeFixture.Create(runtimeName);
        using var build = new TempDirectory();
        var image = TestPrograms.Build(build, "env", TestPrograms.PrintEnvironment);
        var environment = new Dictionary<string, string> { ["GREETING"] = "hi there" };

        await Assert.ThrowsAsync<InstanceStartException>(
            () => fixture.Runtime.StartAsync(fixture.Spec("env", image, environment: environment), TestContext.Current.CancellationToken));

        var lines = fixture.Log.Lines.Select(l => l.Line).ToList();
        Assert.Contains("GREETING=hi there", lines);
        Assert.Contains(lines, l => l.StartsWith("PORT=", StringComparison.Ordinal) && l != "PORT=8080");
        Assert.Contains("PATH=/", lines);
    }
}
