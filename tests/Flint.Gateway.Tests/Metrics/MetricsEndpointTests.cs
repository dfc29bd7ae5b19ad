using System.Net;
using Flint.Testing;

namespace Flint.Gateway.Tests.Metrics;

public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Fact]
    public async Task Metrics_WarmInstanceAfterARequest_CountsItIdleAndTheRequestDuration()
    {
        await _gateway.DeployHelloAsync("warm", new { mode = "keep-warm", idleTimeout = "1h" });
        using var invoked = await _gateway.Client.GetAsync("/function/warm/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);

        using var anonymous = _gateway.Anonymous();
        var text = await anonymous.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Contains("flint_instances{function=\"warm\",runtime=\"process\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE flint_instances_by_state gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("flint_request_duration_seconds_count{function=\"warm\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("flint_async_queue_length 0\n", text, StringComparison.Ordinal);
        Assert.True(await Eventually.TrueAsync(async () =>
            (await anonymous.GetStringAsync("/metrics", TestContext.Current.CancellationToken))
                .Contains("flint_instances_by_state{runtime=\"process\",state=\"idle\"} 1\n", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Metrics_SecondGatewayInTheSameProcess_StartsFromZero()
    {
        await _gateway.DeployHelloAsync("counted");
        using var _ = await _gateway.Client.GetAsync("/function/counted/", TestContext.Current.CancellationToken);
        using var otherData = new TempDirectory("flint-gateway");
        await using var other = await RunningGateway.StartAsync(otherData.Path);

        var text = await other.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("function=\"counted\"", text, StringComparison.Ordinal);
        Assert.Contains("flint_async_queue_length 0\n", text, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
