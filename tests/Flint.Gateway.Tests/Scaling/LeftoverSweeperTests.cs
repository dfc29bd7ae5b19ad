using Flint.Gateway.Scaling;
using Flint.Runtimes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flint.Gateway.Tests.Scaling;

public sealed class LeftoverSweeperTests
{
    [Fact]
    public async Task StartAsync_SweepsEveryRuntimeOnce()
    {
        var (first, second) = (new RecordingRuntime(), new RecordingRuntime("other"));
        await using var runtimes = new RuntimeRegistry();
        runtimes.Add(first);
        runtimes.Add(second);
        using var sweeper = new LeftoverSweeper(runtimes, NullLogger<LeftoverSweeper>.Instance);

        await sweeper.StartAsync(TestContext.Current.CancellationToken);
        await sweeper.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, first.Sweeps);
        Assert.Equal(1, second.Sweeps);
    }

    [Fact]
    public async Task StartAsync_SweepFails_StartsAnywayAndStopAsyncEndsTheRetries()
    {
        var runtime = new RecordingRuntime { SweepFailure = "busy" };
        await using var runtimes = new RuntimeRegistry();
        runtimes.Add(runtime);
        using var sweeper = new LeftoverSweeper(runtimes, NullLogger<LeftoverSweeper>.Instance);

        await sweeper.StartAsync(TestContext.Current.CancellationToken);
        await sweeper.StopAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(1, runtime.Sweeps);
    }
}
