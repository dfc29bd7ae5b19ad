using Microsoft.AspNetCore.Http;

namespace Flint.Gateway.Tests.Scaling;

public sealed class ScalerTests : IDisposable
{
    private readonly TestScaler _scaling = new("flint-scaler");

    [Fact]
    public async Task AcquireAsync_SameDefinitionTwice_SharesOnePool()
    {
        var function = _scaling.Deploy("f");
        var first = await _scaling.LeaseAsync(function);
        await first.ReleaseAsync(broken: false);

        var second = await _scaling.LeaseAsync(function);

        Assert.False(second.IsColdStart);
        Assert.Same(first.Instance, second.Instance);
        Assert.Equal(1, _scaling.Scaler.InstanceCount("f"));
    }

    [Fact]
    public async Task AcquireAsync_Redeployed_StartsANewPoolAndRetiresTheOld()
    {
        var old = _scaling.Deploy("f");
        var before = await _scaling.LeaseAsync(old);
        await before.ReleaseAsync(broken: false);
        var current = _scaling.Deploy("f", maxConcurrency: 2);

        var after = await _scaling.LeaseAsync(current);

        Assert.True(after.IsColdStart);
        Assert.NotSame(before.Instance, after.Instance);
        Assert.True(await Eventually.TrueAsync(() => _scaling.Runtime.Stopped.Contains(before.Instance.Id)));
        Assert.Equal(1, _scaling.Scaler.InstanceCount("f"));
    }

    [Fact]
    public async Task AcquireAsync_DefinitionReadBeforeARedeploy_UsesTheCurrentPool()
    {
        var old = _scaling.Deploy("f");
        var current = _scaling.Deploy("f", maxConcurrency: 2);
        var first = await _scaling.LeaseAsync(current);

        var late = await _scaling.LeaseAsync(old);

        Assert.False(late.IsColdStart);
        Assert.Same(first.Instance, late.Instance);
        Assert.Empty(_scaling.Runtime.Stopped);
    }

    [Fact]
    public async Task AcquireAsync_UnknownRuntime_Refuses502NamingIt()
    {
        var function = _scaling.Deploy("f") with { Runtime = "nowhere" };

        var refused = await _scaling.Scaler.AcquireAsync(function, TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status502BadGateway, refused.Error!.Status);
        Assert.Equal("function 'f' needs runtime 'nowhere', which this gateway does not have", refused.Error.Message);
    }

    [Fact]
    public async Task AcquireAsync_ImageMissing_Refuses502SayingTheImageIsUnusable()
    {
        var function = _scaling.Deploy("f") with { Image = _scaling.Image + "-gone" };

        var refused = await _scaling.Scaler.AcquireAsync(function, TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status502BadGateway, refused.Error!.Status);
        Assert.StartsWith("function 'f' has an unusable image: ", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _scaling.Runtime.Started);
    }

    [Fact]
    public async Task RetireAsync_StopsTheFunctionsInstancesOnly()
    {
        var retired = await _scaling.LeaseAsync(_scaling.Deploy("a"));
        var kept = await _scaling.LeaseAsync(_scaling.Deploy("b"));

        await _scaling.Scaler.RetireAsync("a");
        await _scaling.Scaler.RetireAsync("unknown");

        Assert.Equal([retired.Instance.Id], _scaling.Runtime.Stopped);
        Assert.Equal(0, _scaling.Scaler.InstanceCount("a"));
        Assert.Equal(1, _scaling.Scaler.InstanceCount("b"));
        await kept.ReleaseAsync(broken: false);
    }

    [Fact]
    public async Task StopIdleAsync_StopsIdleInstancesOfEveryFunction()
    {
        await (await _scaling.LeaseAsync(_scaling.Deploy("a"))).ReleaseAsync(broken: false);
        await (await _scaling.LeaseAsync(_scaling.Deploy("b"))).ReleaseAsync(broken: false);
        var busy = await _scaling.LeaseAsync(_scaling.Deploy("c"));

        _scaling.Time.Advance(TestScaler.IdleTimeout);
        await _scaling.Scaler.StopIdleAsync();

        Assert.Equal(2, _scaling.Runtime.Stopped.Count);
        Assert.Equal([("a", "recording", 0), ("b", "recording", 0), ("c", "recording", 1)], _scaling.Scaler.InstanceCounts().OrderBy(c => c.Function, StringComparer.Ordinal));
        await busy.ReleaseAsync(broken: false);
    }

    [Fact]
    public async Task StopAllAsync_StopsEveryInstanceAndRefusesFurtherRequests()
    {
        var function = _scaling.Deploy("f");
        var lease = await _scaling.LeaseAsync(function);

        await _scaling.Scaler.StopAllAsync();
        var refused = await _scaling.Scaler.AcquireAsync(function, TestContext.Current.CancellationToken);

        Assert.Equal([lease.Instance.Id], _scaling.Runtime.Stopped);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, refused.Error!.Status);
        Assert.Empty(_scaling.Scaler.InstanceCounts());
        Assert.Equal(0, _scaling.Scaler.InstanceCount("f"));
    }

    public void Dispose() => _scaling.Dispose();
}
