using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Gateway.Logs;
using Flint.Gateway.Scaling;
using Flint.Gateway.Security;
using Flint.Gateway.Store;
using Flint.Images.Oci;
using Flint.Runtimes;
using Flint.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Flint.Gateway.Tests.Scaling;

public sealed class ScalerLifetimeTests : IDisposable
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _data = new("flint-lifetime");
    private readonly RecordingRuntime _runtime = new();
    private readonly FakeTimeProvider _time = new();
    private readonly Scaler _scaler;
    private readonly ScalerLifetime _lifetime;
    private readonly FunctionDefinition _function;

    public ScalerLifetimeTests()
    {
        var image = Path.Combine(_data.Path, "image");
        var executable = Path.Combine(_data.Path, "function");
        File.WriteAllBytes(executable, [0x7F, (byte)'E', (byte)'L', (byte)'F']);
        OciLayoutWriter.Write(executable, image, "latest");
        var runtimes = new RuntimeRegistry();
        runtimes.Add(_runtime);
        var catalog = new FunctionCatalog(new FunctionStore(_data.Path), NullLogger<FunctionCatalog>.Instance);
        var options = new GatewayOptions { DataDirectory = _data.Path, AdminToken = AdminToken.Generate(), Time = _time };
        _scaler = new Scaler(catalog, runtimes, new FunctionLogs(10), new ImageStore(_data.Path), options, NullLogger<Scaler>.Instance);
        _lifetime = new ScalerLifetime(_scaler, options);
        _function = new FunctionDefinition(
            "f", image, _runtime.Name, FunctionMode.KeepWarm, new Dictionary<string, string>(), ResourceLimits.None, IdleTimeout, 1, 1, TimeSpan.FromSeconds(30));
        catalog.Put(_function);
    }

    [Fact]
    public async Task StartAsync_ClockPassesTheIdleTimeout_TheSweepStopsTheIdleInstance()
    {
        await _lifetime.StartAsync(TestContext.Current.CancellationToken);
        await (await LeaseAsync()).ReleaseAsync(broken: false);

        Assert.True(await Eventually.TrueAsync(() =>
        {
            _time.Advance(IdleTimeout);
            return _runtime.Stopped.Count == 1;
        }));
        await _lifetime.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StopAsync_EndsTheSweep()
    {
        await _lifetime.StartAsync(TestContext.Current.CancellationToken);
        await (await LeaseAsync()).ReleaseAsync(broken: false);

        await _lifetime.StopAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        _time.Advance(IdleTimeout * 10);

        Assert.Empty(_runtime.Stopped);
        Assert.Equal(1, _scaler.InstanceCount("f"));
    }

    [Fact]
    public async Task StoppedAsync_StopsEveryInstanceEvenABusyOne()
    {
        var busy = await LeaseAsync();

        await _lifetime.StoppedAsync(TestContext.Current.CancellationToken);

        Assert.Equal([busy.Instance.Id], _runtime.Stopped);
        Assert.Equal(0, _scaler.InstanceCount("f"));
    }

    public void Dispose()
    {
        _lifetime.Dispose();
        _data.Dispose();
    }

    private async Task<InstanceLease> LeaseAsync()
    {
        var result = await _scaler.AcquireAsync(_function, TestContext.Current.CancellationToken);
        Assert.True(result.Lease is not null, result.Error?.Message);
        return result.Lease;
    }
}
