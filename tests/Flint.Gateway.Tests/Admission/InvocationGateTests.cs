using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flint.Testing;

namespace Flint.Gateway.Tests.Admission;

/// <summary>A burst of invocations meets the gateway-wide bound: a few in flight, a bounded queue, and 503 with Retry-After for the rest.</summary>
public sealed class InvocationGateTests : IAsyncLifetime
{
    private const int Burst = 200;
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(
        _data.Path, options => options with { MaxConcurrentInvocations = 4, MaxQueuedInvocations = 4 });

    [Fact]
    public async Task Invoke_BurstPastTheBoundAndQueue_RefusesTheRestAtOnceWith503AndRetryAfter()
    {
        await _gateway.DeployAsync("hung", await NativeTestFunctions.NeverAnswersAsync(), new { maxInstances = Burst, timeout = "60s" });
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var requests = Enumerable.Range(0, Burst).Select(_ => _gateway.Client.GetAsync("/function/hung/", abandon.Token)).ToList();

        // Four in flight and four queued never finish (the function never answers): every other request is refused.
        var refused = new List<HttpResponseMessage>();
        var pending = requests.ToList();
        while (refused.Count < Burst - 8)
        {
            var done = await Task.WhenAny(pending).WaitAsync(TimeSpan.FromSeconds(50), TestContext.Current.CancellationToken);
            pending.Remove(done);
            refused.Add(await done);
        }

        await abandon.CancelAsync();
        await Task.WhenAll(pending.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default)));
        try
        {
            Assert.All(refused, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
            Assert.All(refused, r => Assert.Equal("1", ResponseHeader.Single(r, "Retry-After")));
            var body = await refused[0].Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Contains("queue of 4 is full", body.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal(8, pending.Count);
        }
        finally
        {
            refused.ForEach(r => r.Dispose());
        }

        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("hung") == 0), "the abandoned requests' instances are still there");
        using var health = await _gateway.Client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
