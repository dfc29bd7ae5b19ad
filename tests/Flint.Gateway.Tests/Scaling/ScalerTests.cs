using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Gateway.Logs;
using Flint.Gateway.Scaling;
using Flint.Gateway.Security;
using Flint.Gateway.Store;
using Flint.Images.Oci;
using Flint.Runtimes;
using Flint.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Flint.Gateway.Tests.Scaling;

public sealed class ScalerTests : IDisposable
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _data = new("flint-scaler");
    private readonly RecordingRuntime _runtime = new();
    private readonly FakeTimeProvider _time = new();
    private readonly FunctionCatalog _catalog;
    private readonly Scaler _scaler;
    private readonly string _image;

    public ScalerTests()
    {
        _image = Path.Combine(_data.Path, "image");
        var executable = Path.Combine(_data.Path, "function");
        File.WriteAllBytes(executable, [0x7F, (byte)'E', (byte)'L', (byte)'F']);
        OciLayoutWriter.Write(executable, _image, "latest");
        var runtimes = new RuntimeRegistry();
        runtimes.Add(_runtime);
        _catalog = new FunctionCatalog(new FunctionStore(_data.Path), NullLogger<FunctionCatalog>.Instance);
        var options = new GatewayOptions { DataDirectory = _data.Path, AdminToken = AdminToken.Generate(), Time = _time };
        _scaler = new Scaler(_catalog, runtimes, new FunctionLogs(10), new ImageStore(_data.Path), options, NullLogger<Scaler>.Instance);
    }

    [Fact]
    public async Task AcquireAsync_SameDefinitionTwice_SharesOnePool()
    {
        var function = Deploy("f");
        var first = await LeaseAsync(function);
        await first.ReleaseAsync(broken: false);

        var second = await LeaseAsync(function);

        Assert.False(second.IsColdStart);
        Assert.Same(first.Instance, second.Instance);
        Assert.Equal(1, _scaler.InstanceCount("f"));
    }

    [Fact]
    public async Task AcquireAsync_Redeployed_StartsANewPoolAndRetiresTheOld()
    {
        var old = Deploy("f");
        var before = await LeaseAsync(old);
        await before.ReleaseAsync(broken: false);
        var current = Deploy("f", maxConcurrency: 2);

        var after = await LeaseAsync(current);

        Assert.True(after.IsColdStart);
        Assert.NotSame(before.Instance, after.Instance);
        Assert.True(await Eventually.TrueAsync(() => _runtime.Stopped.Contains(before.Instance.Id)));
        Assert.Equal(1, _scaler.InstanceCount("f"));
    }

    [Fact]
    public async Task AcquireAsync_DefinitionReadBeforeARedeploy_UsesTheCurrentPool()
    {
        var old = Deploy("f");
        var current = Deploy("f", maxConcurrency: 2);
        var first = await LeaseAsync(current);

        var late = await LeaseAsync(old);

        Assert.False(late.IsColdStart);
        Assert.Same(first.Instance, late.Instance);
        Assert.Empty(_runtime.Stopped);
    }

    [Fact]
    public async Task AcquireAsync_UnknownRuntime_Refuses502NamingIt()
    {
        var function = Deploy("f") with { Runtime = "nowhere" };

        var refused = await _scaler.AcquireAsync(function, TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status502BadGateway, refused.Error!.Status);
        Assert.Equal("function 'f' needs runtime 'nowhere', which this gateway does not have", refused.Error.Message);
    }

    [Fact]
    public async Task AcquireAsync_ImageMissing_Refuses502SayingTheImageIsUnusable()
    {
        var function = Deploy("f") with { Image = Path.Combine(_data.Path, "gone") };

        var refused = await _scaler.AcquireAsync(function, TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status502BadGateway, refused.Error!.Status);
        Assert.StartsWith("function 'f' has an unusable image: ", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _runtime.Started);
    }

    [Fact]
    public async Task RetireAsync_StopsTheFunctionsInstancesOnly()
    {
        var retired = await LeaseAsync(Deploy("a"));
        var kept = await LeaseAsync(Deploy("b"));

        await _scaler.RetireAsync("a");
        await _scaler.RetireAsync("unknown");

        Assert.Equal([retired.Instance.Id], _runtime.Stopped);
        Assert.Equal(0, _scaler.InstanceCount("a"));
        Assert.Equal(1, _scaler.InstanceCount("b"));
        await kept.ReleaseAsync(broken: false);
    }

    [Fact]
    public async Task StopIdleAsync_StopsIdleInstancesOfEveryFunction()
    {
        await (await LeaseAsync(Deploy("a"))).ReleaseAsync(broken: false);
        await (await LeaseAsync(Deploy("b"))).ReleaseAsync(broken: false);
        var busy = await LeaseAsync(Deploy("c"));

        _time.Advance(IdleTimeout);
        await _scaler.StopIdleAsync();

        Assert.Equal(2, _runtime.Stopped.Count);
        Assert.Equal([("a", "recording", 0), ("b", "recording", 0), ("c", "recording", 1)], _scaler.InstanceCounts().OrderBy(c => c.Function, StringComparer.Ordinal));
        await busy.ReleaseAsync(broken: false);
    }

    [Fact]
    public async Task StopAllAsync_StopsEveryInstanceAndRefusesFurtherRequests()
    {
        var function = Deploy("f");
        var lease = await LeaseAsync(function);

        await _scaler.StopAllAsync();
        var refused = await _scaler.AcquireAsync(function, TestContext.Current.CancellationToken);

        Assert.Equal([lease.Instance.Id], _runtime.Stopped);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, refused.Error!.Status);
        Assert.Empty(_scaler.InstanceCounts());
        Assert.Equal(0, _scaler.InstanceCount("f"));
    }

    public void Dispose() => _data.Dispose();

    private FunctionDefinition Deploy(string name, int maxConcurrency = 1)
    {
        var function = new FunctionDefinition(
            name, _image, _runtime.Name, FunctionMode.KeepWarm, new Dictionary<string, string>(), ResourceLimits.None, IdleTimeout, maxConcurrency, 1, TimeSpan.FromSeconds(30));
        _catalog.Put(function);
        return function;
    }

    private async Task<InstanceLease> LeaseAsync(FunctionDefinition function)
    {
        var result = await _scaler.AcquireAsync(function, TestContext.Current.CancellationToken);
        Assert.True(result.Lease is not null, result.Error?.Message);
        return result.Lease;
    }
}
