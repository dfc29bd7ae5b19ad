using Flint.Runtimes.Direct;
using Flint.Runtimes.Docker;
using Flint.Runtimes.Tests.Docker;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Direct;

public sealed class DockerDirectStarterTests : IClassFixture<DockerDaemonFixture>, IDisposable
{
    private readonly DockerDaemonFixture _daemon;
    private readonly TempDirectory _state = new("flint-direct-docker");

    public DockerDirectStarterTests(DockerDaemonFixture daemon)
    {
        _daemon = daemon;
    }

    [Fact]
    public async Task Run_SameImage_AnswersThenLeavesNoContainer()
    {
        RequireDaemon();
        await using var starter = Starter();
        var instance = starter.Prepare(await ReferenceFunctions.HelloImageAsync(), DirectProbe.FreePort());

        instance.Launch();
        var body = await DirectProbe.GetWhenUpAsync(instance);
        var whileRunning = DirectContainers();
        await instance.DisposeAsync();

        Assert.Equal("Hello from Flint!\n", body);
        Assert.Equal("docker run", starter.Command);
        Assert.Contains("--read-only", instance.Arguments);
        Assert.Contains("--cap-drop", instance.Arguments);
        Assert.Single(whileRunning);
        Assert.Empty(DirectContainers());
    }

    [Fact]
    public async Task Sweep_ContainerNeverDisposed_IsRemoved()
    {
        RequireDaemon();
        await using var starter = Starter();
        var instance = starter.Prepare(await ReferenceFunctions.HelloImageAsync(), DirectProbe.FreePort());
        instance.Launch();
        await DirectProbe.GetWhenUpAsync(instance);

        var removed = await starter.SweepAsync(TestContext.Current.CancellationToken);
        var left = DirectContainers();
        await instance.DisposeAsync();

        Assert.Equal(1, removed);
        Assert.Empty(left);
    }

    public void Dispose() => _state.Dispose();

    private IDirectStarter Starter() => DirectStarters.Create(_state.Path).First(s => s.Name == RuntimeNames.Docker);

    /// <summary>Every container a direct start ran (the gateway's never carry the function name <c>direct</c>).</summary>
    private static string[] DirectContainers() =>
        Command.Lines("docker", "ps", "--all", "--quiet", "--filter", $"label={DockerRuntimes.FunctionLabel}=direct");

    private void RequireDaemon()
    {
        if (_daemon.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }
}
