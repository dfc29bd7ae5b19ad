using Flint.Gateway.Functions;
using Flint.Gateway.Scaling;
using Flint.Images;
using Flint.Images.Oci;
using Flint.Runtimes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Flint.Gateway.Tests.Scaling;

public sealed class FunctionPoolTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);
    private static readonly FunctionImage Image = new("/images/none", "sha256:0", ["/hello"], [], new OciDescriptor("layer", "sha256:1", 0));
    private readonly RecordingRuntime _runtime = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task StopIdleAsync_ReleasedJustUnderTheIdleTimeout_KeepsTheInstance()
    {
        var pool = Pool(FunctionMode.KeepWarm);
        await (await LeaseAsync(pool)).ReleaseAsync(broken: false);

        _time.Advance(IdleTimeout - TimeSpan.FromTicks(1));
        await pool.StopIdleAsync();

        Assert.Equal(1, pool.InstanceCount);
        Assert.Empty(_runtime.Stopped);
    }

    [Fact]
    public async Task StopIdleAsync_IdleForTheIdleTimeout_StopsTheInstance()
    {
        var pool = Pool(FunctionMode.KeepWarm);
        var lease = await LeaseAsync(pool);
        await lease.ReleaseAsync(broken: false);

        _time.Advance(IdleTimeout);
        await pool.StopIdleAsync();

        Assert.Equal(0, pool.InstanceCount);
        Assert.Equal([lease.Instance.Id], _runtime.Stopped);
    }

    [Fact]
    public async Task StopIdleAsync_IdleTimeCountsFromTheLastRelease_NotFromTheStart()
    {
        var pool = Pool(FunctionMode.KeepWarm);
        var lease = await LeaseAsync(pool);
        _time.Advance(IdleTimeout * 2);
        await lease.ReleaseAsync(broken: false);

        _time.Advance(IdleTimeout / 2);
        await pool.StopIdleAsync();
        Assert.Equal(1, pool.InstanceCount);

        _time.Advance(IdleTimeout / 2);
        await pool.StopIdleAsync();
        Assert.Equal(0, pool.InstanceCount);
    }

    [Fact]
    public async Task StopIdleAsync_InstanceServingARequest_KeepsItHoweverLong()
    {
        var pool = Pool(FunctionMode.KeepWarm);
        var lease = await LeaseAsync(pool);

        _time.Advance(IdleTimeout * 10);
        await pool.StopIdleAsync();

        Assert.Equal(1, pool.InstanceCount);
        Assert.Empty(_runtime.Stopped);
        await lease.ReleaseAsync(broken: false);
    }

    [Fact]
    public async Task AcquireAsync_KeepWarm_SharesAnInstanceUpToMaxConcurrencyThenStartsAnother()
    {
        var pool = Pool(FunctionMode.KeepWarm, maxConcurrency: 2, maxInstances: 2);

        var first = await LeaseAsync(pool);
        var second = await LeaseAsync(pool);
        var third = await LeaseAsync(pool);

        Assert.True(first.IsColdStart);
        Assert.False(second.IsColdStart);
        Assert.Same(first.Instance, second.Instance);
        Assert.True(third.IsColdStart);
        Assert.NotSame(first.Instance, third.Instance);
        Assert.Equal(2, pool.InstanceCount);
        Assert.Equal(2, _runtime.Started);
    }

    [Fact]
    public async Task AcquireAsync_KeepWarmAfterRelease_ReusesTheWarmInstance()
    {
        var pool = Pool(FunctionMode.KeepWarm);
        var first = await LeaseAsync(pool);
        await first.ReleaseAsync(broken: false);

        var second = await LeaseAsync(pool);

        Assert.False(second.IsColdStart);
        Assert.Same(first.Instance, second.Instance);
        Assert.Empty(_runtime.Stopped);
    }

    [Fact]
    public async Task ReleaseAsync_SingleUse_StopsTheInstanceAndTheNextRequestStartsAnother()
    {
        var pool = Pool(FunctionMode.SingleUse);
        var first = await LeaseAsync(pool);
        await first.ReleaseAsync(broken: false);

        var second = await LeaseAsync(pool);

        Assert.Equal([first.Instance.Id], _runtime.Stopped);
        Assert.True(second.IsColdStart);
        Assert.NotSame(first.Instance, second.Instance);
    }

    [Fact]
    public async Task ReleaseAsync_Broken_StopsTheKeepWarmInstance()
    {
        var pool = Pool(FunctionMode.KeepWarm);
        var lease = await LeaseAsync(pool);

        await lease.ReleaseAsync(broken: true);

        Assert.Equal([lease.Instance.Id], _runtime.Stopped);
        Assert.Equal(0, pool.InstanceCount);
    }

    [Fact]
    public async Task ReleaseAsync_BrokenWhileAnotherRequestIsServed_StopsOnlyAfterTheLastRelease()
    {
        var pool = Pool(FunctionMode.KeepWarm, maxConcurrency: 2);
        var first = await LeaseAsync(pool);
        var second = await LeaseAsync(pool);

        await first.ReleaseAsync(broken: true);
        var third = await LeaseAsync(pool);

        Assert.Empty(_runtime.Stopped);
        Assert.NotSame(first.Instance, third.Instance);
        await second.ReleaseAsync(broken: false);
        Assert.Equal([first.Instance.Id], _runtime.Stopped);
    }

    [Fact]
    public async Task ReleaseAsync_TwoBrokenReleasesOfOneInstance_StopItOnce()
    {
        var pool = Pool(FunctionMode.KeepWarm, maxConcurrency: 2);
        var first = await LeaseAsync(pool);
        var second = await LeaseAsync(pool);

        await first.ReleaseAsync(broken: true);
        await second.ReleaseAsync(broken: true);

        Assert.Equal([first.Instance.Id], _runtime.Stopped);
        Assert.Equal(0, pool.InstanceCount);
    }

    [Fact]
    public async Task AcquireAsync_AfterClose_RefusesEveryTimeWith503()
    {
        var pool = Pool(FunctionMode.KeepWarm, timeout: TimeSpan.Zero);
        await pool.CloseAsync();

        var first = await pool.AcquireAsync(TestContext.Current.CancellationToken);
        var second = await pool.AcquireAsync(TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, first.Error!.Status);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, second.Error!.Status);
        Assert.Equal("function 'f' is being removed or the gateway is shutting down", second.Error.Message);
    }

    [Fact]
    public async Task ReleaseAsync_Twice_ReleasesOnce()
    {
        var pool = Pool(FunctionMode.KeepWarm, maxConcurrency: 2);
        var first = await LeaseAsync(pool);
        var second = await LeaseAsync(pool);

        await first.ReleaseAsync(broken: false);
        await first.ReleaseAsync(broken: false);
        _time.Advance(IdleTimeout);
        await pool.StopIdleAsync();

        Assert.Equal(1, pool.InstanceCount);
        await second.ReleaseAsync(broken: false);
    }

    [Fact]
    public async Task AcquireAsync_AtCapacity_RefusesWith429NamingTheLimit()
    {
        var pool = Pool(FunctionMode.KeepWarm, maxConcurrency: 1, maxInstances: 1, timeout: TimeSpan.Zero);
        var held = await LeaseAsync(pool);

        var refused = await pool.AcquireAsync(TestContext.Current.CancellationToken);

        Assert.Null(refused.Lease);
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Error!.Status);
        Assert.Equal("function 'f' is at capacity (1 concurrent requests); none finished within 0 s", refused.Error.Message);
        await held.ReleaseAsync(broken: false);
        Assert.NotNull((await pool.AcquireAsync(TestContext.Current.CancellationToken)).Lease);
    }

    [Fact]
    public async Task AcquireAsync_StartFails_Refuses502AndFreesTheCapacity()
    {
        var pool = Pool(FunctionMode.KeepWarm, maxConcurrency: 1, maxInstances: 1, timeout: TimeSpan.Zero);
        _runtime.StartFailure = "no luck";

        var refused = await pool.AcquireAsync(TestContext.Current.CancellationToken);
        _runtime.StartFailure = null;
        var granted = await pool.AcquireAsync(TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status502BadGateway, refused.Error!.Status);
        Assert.Equal("function 'f' failed to start: no luck", refused.Error.Message);
        Assert.NotNull(granted.Lease);
        Assert.True(granted.Lease.IsColdStart);
        Assert.Equal(1, pool.InstanceCount);
    }

    [Fact]
    public async Task CloseAsync_StopsEveryInstanceAndRefusesFurtherRequests()
    {
        var pool = Pool(FunctionMode.KeepWarm, maxConcurrency: 1, maxInstances: 2);
        var serving = await LeaseAsync(pool);
        var idle = await LeaseAsync(pool);
        await idle.ReleaseAsync(broken: false);

        await pool.CloseAsync();
        var refused = await pool.AcquireAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new[] { idle.Instance.Id, serving.Instance.Id }.Order(), _runtime.Stopped.Order());
        Assert.Equal(0, pool.InstanceCount);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, refused.Error!.Status);
        await serving.ReleaseAsync(broken: false);
        Assert.Equal(2, _runtime.Stopped.Count);
    }

    [Fact]
    public async Task StopIdleAsync_StopFails_StillRemovesTheInstance()
    {
        var pool = Pool(FunctionMode.KeepWarm);
        await (await LeaseAsync(pool)).ReleaseAsync(broken: false);
        _runtime.StopFailure = "stuck";

        _time.Advance(IdleTimeout);
        await pool.StopIdleAsync();

        Assert.Equal(0, pool.InstanceCount);
        Assert.Single(_runtime.Stopped);
    }

    [Fact]
    public async Task AcquireAsync_SingleUseTwoRequestsAtOnce_EachStartsItsOwnInstance()
    {
        var pool = Pool(FunctionMode.SingleUse, maxConcurrency: 2, maxInstances: 2);

        var first = await LeaseAsync(pool);
        var second = await LeaseAsync(pool);

        Assert.True(first.IsColdStart);
        Assert.True(second.IsColdStart);
        Assert.NotSame(first.Instance, second.Instance);
        Assert.Equal(2, pool.InstanceCount);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileItsInstanceStarts_GivesItsPlaceBack()
    {
        var starting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runtime.BeforeStart = _ => starting.Task;
        var pool = Pool(FunctionMode.KeepWarm, maxConcurrency: 2, timeout: TimeSpan.Zero);
        var booting = pool.AcquireAsync(TestContext.Current.CancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var waiting = pool.AcquireAsync(cancel.Token);

        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        starting.SetResult();
        var first = (await booting).Lease;
        var next = await LeaseAsync(pool);

        Assert.NotNull(first);
        Assert.False(next.IsColdStart);
        Assert.Same(first.Instance, next.Instance);
        Assert.Equal(1, _runtime.Started);
    }

    [Fact]
    public async Task CloseAsync_InstanceStarting_CancelsTheStartAndRefusesItsRequestWith503()
    {
        _runtime.BeforeStart = token => Task.Delay(Timeout.Infinite, token);
        var pool = Pool(FunctionMode.KeepWarm);
        var booting = pool.AcquireAsync(TestContext.Current.CancellationToken);

        await pool.CloseAsync().WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var refused = await booting.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(ScalerErrors.Closing("f"), refused.Error);
        Assert.Equal(0, _runtime.Started);
        Assert.Equal(0, pool.InstanceCount);
    }

    private static FunctionDefinition Function(FunctionMode mode, int maxConcurrency, int maxInstances, TimeSpan timeout) =>
        new("f", "/images/none", "recording", mode, new Dictionary<string, string>(), ResourceLimits.None, IdleTimeout, maxConcurrency, maxInstances, timeout);

    private FunctionPool Pool(FunctionMode mode, int maxConcurrency = 1, int maxInstances = 1, TimeSpan? timeout = null) =>
        new(Function(mode, maxConcurrency, maxInstances, timeout ?? TimeSpan.FromSeconds(30)), _runtime, Image, new Logs.FunctionLogBuffer(10), NullLogger.Instance, _time);

    private static async Task<InstanceLease> LeaseAsync(FunctionPool pool)
    {
        var result = await pool.AcquireAsync(TestContext.Current.CancellationToken);
        Assert.True(result.Lease is not null, result.Error?.Message);
        return result.Lease;
    }
}
