using System.Net;
using Flint.Testing;

namespace Flint.Gateway.Tests.Proxy;

/// <summary>
/// A short wrk run against a keep-warm hello through the gateway, per runtime where the host has it: every request
/// answered 2xx, no connect, read, write or timeout error. Correctness under load, not speed: nothing is timed
/// (scripts/load.sh records the rates and latencies).
/// </summary>
public sealed class LoadTests : IAsyncLifetime
{
    private const int Connections = 4;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Theory]
    [InlineData("process")]
    [InlineData("crun")]
    public async Task Wrk_KeepWarmHello_EveryRequestAnswered2xxWithoutSocketErrors(string runtime)
    {
        Wrk.Require();
        await _gateway.RequireRuntimeAsync(runtime);
        await _gateway.DeployHelloAsync("loaded", new { runtime, mode = "keep-warm", maxConcurrency = Connections, maxInstances = 1, timeout = "10s", idleTimeout = "10m" });
        using (var warm = await _gateway.Client.GetAsync("/function/loaded/", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var summary = await Wrk.RunAsync(new Uri(_gateway.Client.BaseAddress!, "/function/loaded/"), Connections, Duration, RequestTimeout);
        TestContext.Current.TestOutputHelper?.WriteLine($"{runtime}: {summary}");

        Assert.True(summary.Requests > 0, "wrk completed no request");
        Assert.True(summary.SocketErrors == 0, $"socket errors: {summary}");
        Assert.True(summary.Non2xx == 0, $"answers outside 2xx: {summary}");
        Assert.Equal(1, await _gateway.InstanceCountAsync("loaded"));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
