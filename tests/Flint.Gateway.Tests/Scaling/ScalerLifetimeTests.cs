using Flint.Gateway.Functions;
using Flint.Gateway.Scaling;

namespace Flint.Gateway.Tests.Scaling;

public sealed class ScalerLifetimeTests : IDisposable
{
    private readonly TestScaler _scaling = new("flint-lifetime");
    private readonly ScalerLifetime _lifetime;
    private readonly FunctionDefinition _function;

    public ScalerLifetimeTests()
    {
        _lifetime = new ScalerLifetime(_scaling.Scaler, _scaling.Options);
        _function = _scaling.Deploy("f");
    }

    [Fact]
    public async Task StartAsync_ClockPassesTheIdleTimeout_TheSweepStopsTheIdleInstance()
    {
        await _lifetime.StartAsync(TestContext.Current.CancellationToken);
        await (await _scaling.LeaseAsync(_function)).ReleaseAsync(broken: false);

        Assert.True(await Eventually.TrueAsync(() =>
        {
            _scaling.Time.Advance(TestScaler.IdleTimeout);
            return _scaling.Runtime.Stopped.Count == 1;
        }));
        await _lifetime.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StopAsync_EndsTheSweep()
    {
        await _lifetime.StartAsync(TestContext.Current.CancellationToken);
        await (await _scaling.LeaseAsync(_function)).ReleaseAsync(broken: false);

        await _lifetime.StopAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        _scaling.Time.Advance(TestScaler.IdleTimeout * 10);

        Assert.Empty(_scaling.Runtime.Stopped);
        Assert.Equal(1, _scaling.Scaler.InstanceCount("f"));
    }

    [Fact]
    public async Task StopAsync_SweepStoppingAnInstance_WaitsForTheSweepToEnd()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _scaling.Runtime.AfterStop = () => stopped.Task;
        await _lifetime.StartAsync(TestContext.Current.CancellationToken);
        await (await _scaling.LeaseAsync(_function)).ReleaseAsync(broken: false);
        Assert.True(await Eventually.TrueAsync(() =>
        {
            _scaling.Time.Advance(TestScaler.IdleTimeout);
            return _scaling.Runtime.Stopped.Count == 1;
        }));

        var stopping = _lifetime.StopAsync(TestContext.Current.CancellationToken);
        Assert.False(stopping.IsCompleted);
        stopped.SetResult();

        await stopping.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StoppedAsync_StopsEveryInstanceEvenABusyOne()
    {
        var busy = await _scaling.LeaseAsync(_function);

        await _lifetime.StoppedAsync(TestContext.Current.CancellationToken);

        Assert.Equal([busy.Instance.Id], _scaling.Runtime.Stopped);
        Assert.Equal(0, _scaling.Scaler.InstanceCount("f"));
    }

    public void Dispose()
    {
        _lifetime.Dispose();
        _scaling.Dispose();
    }
}
