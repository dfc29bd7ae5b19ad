using Flint.Gateway.Scaling;
using Flint.Gateway.Security;
using Flint.Runtimes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Flint.Gateway.Tests.Scaling;

public sealed class LeftoverSweeperTests : IAsyncDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SweepLimit = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingRuntime _runtime = new();
    private readonly RuntimeRegistry _runtimes = new();
    private readonly LeftoverSweeper _sweeper;

    public LeftoverSweeperTests()
    {
        _runtimes.Add(_runtime);
        var options = new GatewayOptions { DataDirectory = "unused", AdminToken = AdminToken.Generate(), Time = _time };
        _sweeper = new LeftoverSweeper(_runtimes, options, NullLogger<LeftoverSweeper>.Instance);
    }

    [Fact]
    public async Task StartAsync_SweepsEveryRuntimeOnce()
    {
        var other = new RecordingRuntime("other");
        _runtimes.Add(other);

        await _sweeper.StartAsync(TestContext.Current.CancellationToken);
        await _sweeper.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, _runtime.Sweeps);
        Assert.Equal(1, other.Sweeps);
    }

    [Fact]
    public async Task StartAsync_SweepFails_StartsAnywayAndStopAsyncEndsTheRetries()
    {
        _runtime.SweepFailure = "busy";

        await _sweeper.StartAsync(TestContext.Current.CancellationToken);
        await _sweeper.StopAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        _time.Advance(RetryInterval * 10);

        Assert.Equal(1, _runtime.Sweeps);
    }

    [Fact]
    public async Task StartAsync_SweepFails_RetriesItTheRetryIntervalLater()
    {
        _runtime.SweepFailure = "busy";
        await _sweeper.StartAsync(TestContext.Current.CancellationToken);

        _time.Advance(RetryInterval - TimeSpan.FromTicks(1));
        Assert.Equal(1, _runtime.Sweeps);
        _time.Advance(TimeSpan.FromTicks(1));

        Assert.True(await Eventually.TrueAsync(() => _runtime.Sweeps == 2));
    }

    [Fact]
    public async Task StartAsync_SweepKeepsFailing_RetriesUntilASweepSucceedsThenStops()
    {
        _runtime.DuringSweep = _ => _runtime.Sweeps <= 3 ? Task.FromException(new InvalidOperationException("busy")) : Task.CompletedTask;
        await _sweeper.StartAsync(TestContext.Current.CancellationToken);

        Assert.True(await Eventually.TrueAsync(() =>
        {
            _time.Advance(RetryInterval);
            return _runtime.Sweeps == 4;
        }));
        _time.Advance(RetryInterval * 10);

        Assert.Equal(4, _runtime.Sweeps);
    }

    [Fact]
    public async Task StartAsync_SweepPastItsLimit_StartsWhenTheLimitEndsAndRetriesLater()
    {
        var hanging = true;
        _runtime.DuringSweep = token => hanging ? Task.Delay(Timeout.Infinite, token) : Task.CompletedTask;

        var starting = _sweeper.StartAsync(TestContext.Current.CancellationToken);
        _time.Advance(SweepLimit - TimeSpan.FromTicks(1));
        Assert.False(starting.IsCompleted);
        _time.Advance(TimeSpan.FromTicks(1));
        await starting.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        hanging = false;

        Assert.True(await Eventually.TrueAsync(() =>
        {
            _time.Advance(RetryInterval);
            return _runtime.Sweeps == 2;
        }));
    }

    [Fact]
    public async Task StopAsync_RetryInProgress_WaitsForItAndIgnoresItsFailure()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runtime.SweepFailure = "busy";
        _runtime.DuringSweep = _ => _runtime.Sweeps > 1 ? gate.Task : Task.CompletedTask;
        await _sweeper.StartAsync(TestContext.Current.CancellationToken);
        _time.Advance(RetryInterval);
        Assert.True(await Eventually.TrueAsync(() => _runtime.Sweeps == 2));

        var stopping = _sweeper.StopAsync(TestContext.Current.CancellationToken);
        Assert.False(stopping.IsCompleted);
        gate.SetResult();

        await stopping.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _sweeper.Dispose();
        await _runtimes.DisposeAsync();
    }
}
