using System.Net;
using System.Net.Http.Json;
using Flint.Testing;

namespace Flint.Gateway.Tests.Scaling;

public sealed class InvocationTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Fact]
    public async Task Invoke_SingleUse_BootsAFreshInstancePerRequestAndReportsPhases()
    {
        await _gateway.DeployHelloAsync("once");

        using var first = await _gateway.Client.GetAsync("/function/once/", TestContext.Current.CancellationToken);
        using var second = await _gateway.Client.GetAsync("/function/once", TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Flint!\n", await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", ResponseHeader.Single(first, "X-Flint-Cold-Start"));
        Assert.Equal("true", ResponseHeader.Single(second, "X-Flint-Cold-Start"));
        Assert.NotEqual(ResponseHeader.Single(first, "X-Flint-Instance"), ResponseHeader.Single(second, "X-Flint-Instance"));
        var phases = ResponseHeader.Single(first, "X-Flint-Phases").Split(';').Select(p => p.Split('=')[0]).ToList();
        // Handed off at launch, the request is forwarded while the instance boots: "ready" (the runtime saw it
        // accept) may come before or after the response, so the header may lack it.
        Assert.Equal(["create", "sandbox", "launched", "acquired", "forward", "answered"], phases.Where(p => p != "ready"));
        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("once") == 0));
    }

    [Fact]
    public async Task Invoke_KeepWarm_ReusesTheInstanceThenScalesToZeroWhenIdle()
    {
        await _gateway.DeployHelloAsync("warm", new { mode = "keep-warm", idleTimeout = "30s" });

        using var first = await _gateway.Client.GetAsync("/function/warm/", TestContext.Current.CancellationToken);
        using var second = await _gateway.Client.GetAsync("/function/warm/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", ResponseHeader.Single(first, "X-Flint-Cold-Start"));
        Assert.Equal("false", ResponseHeader.Single(second, "X-Flint-Cold-Start"));
        Assert.Equal(ResponseHeader.Single(first, "X-Flint-Instance"), ResponseHeader.Single(second, "X-Flint-Instance"));
        Assert.Equal(1, await _gateway.InstanceCountAsync("warm"));
        Assert.True(await _gateway.ScalesToZeroAsync("warm", TimeSpan.FromSeconds(30)));
        using var third = await _gateway.Client.GetAsync("/function/warm/", TestContext.Current.CancellationToken);
        Assert.Equal("true", ResponseHeader.Single(third, "X-Flint-Cold-Start"));
    }

    [Fact]
    public async Task Invoke_KeepWarmInstanceAtMaxConcurrency_SendsTheNextRequestToAnotherInstance()
    {
        await _gateway.DeployHelloAsync("busy", new { mode = "keep-warm", maxConcurrency = 1, maxInstances = 2 });
        var held = await HoldOneRequestAsync("busy");

        using var other = await _gateway.Client.GetAsync("/function/busy/", TestContext.Current.CancellationToken);
        held.Content.Finish();
        using var heldResponse = await held.Response;

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, heldResponse.StatusCode);
        Assert.NotEqual(ResponseHeader.Single(heldResponse, "X-Flint-Instance"), ResponseHeader.Single(other, "X-Flint-Instance"));
    }

    [Fact]
    public async Task Invoke_KeepWarmBelowMaxConcurrency_SharesTheInstance()
    {
        await _gateway.DeployHelloAsync("shared", new { mode = "keep-warm", maxConcurrency = 2, maxInstances = 1 });
        var held = await HoldOneRequestAsync("shared");

        using var other = await _gateway.Client.GetAsync("/function/shared/", TestContext.Current.CancellationToken);
        held.Content.Finish();
        using var heldResponse = await held.Response;

        Assert.Equal(ResponseHeader.Single(heldResponse, "X-Flint-Instance"), ResponseHeader.Single(other, "X-Flint-Instance"));
    }

    [Fact]
    public async Task Invoke_AllInstancesAtMaxConcurrency_WaitsThenReturns429()
    {
        // The held request's instance never answers and ignores SIGTERM: its 3 s budget ends in a 504, and its slot comes
        // back only after the stop has waited out the 2 s grace period and killed it. The second request, sent once the
        // first holds the slot, waits 3 s for one, so it is refused with 2 s to spare, however slow the machine.
        await _gateway.DeployAsync("full", await NativeTestFunctions.NeverAnswersIgnoringSigtermAsync(), new { mode = "keep-warm", maxConcurrency = 1, maxInstances = 1, timeout = "3s" });
        var held = _gateway.Client.GetAsync("/function/full/", TestContext.Current.CancellationToken);
        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("full") == 1));

        using var refused = await _gateway.Client.GetAsync("/function/full/", TestContext.Current.CancellationToken);
        using var heldResponse = await held;

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("at capacity", await ErrorBody.ReadAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.GatewayTimeout, heldResponse.StatusCode);
    }

    [Fact]
    public async Task Invoke_PostEchoWithOneMegabyte_ForwardsBodyQueryAndMethod()
    {
        await _gateway.DeployHelloAsync("echo");
        var payload = new byte[1024 * 1024];
        Random.Shared.NextBytes(payload);

        using var response = await _gateway.Client.PostAsync("/function/echo/echo?x=1", new ByteArrayContent(payload), TestContext.Current.CancellationToken);
        using var notFound = await _gateway.Client.GetAsync("/function/echo/elsewhere/deeper?q=2", TestContext.Current.CancellationToken);
        using var wrongMethod = await _gateway.Client.DeleteAsync("/function/echo/", TestContext.Current.CancellationToken);

        Assert.Equal(payload, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("not found: /elsewhere/deeper\n", await notFound.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task Invoke_SingleUseOnOneKeptAliveConnection_NextRequestDoesNotWaitForThePreviousStop()
    {
        await _gateway.DeployAsync("stubborn", await NativeTestFunctions.IgnoresSigtermAsync(), new { mode = "single-use", maxInstances = 2 });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1 };
        using var client = new HttpClient(handler) { BaseAddress = _gateway.Client.BaseAddress };

        using var first = await client.GetAsync("/function/stubborn/", TestContext.Current.CancellationToken);
        using var second = await client.GetAsync("/function/stubborn/", TestContext.Current.CancellationToken);
        var function = await _gateway.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/system/functions/stubborn", TestContext.Current.CancellationToken);

        // The instance ignores SIGTERM, so each stop lasts the runtime's grace period (2 s): the second request, on the
        // same connection, was answered while the first instance was still being stopped, so both are stopping now.
        // Had the first request's handler held the connection for its stop, only the second would be.
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, function.GetProperty("stopping").GetInt32());
        Assert.True(await Eventually.TrueAsync(() => _gateway.AllStoppedAsync("stubborn")));
    }

    [Fact]
    public async Task Metrics_AfterColdStarts_ExposeCountersHistogramAndGauges()
    {
        await _gateway.DeployHelloAsync("measured");
        using var _ = await _gateway.Client.GetAsync("/function/measured/", TestContext.Current.CancellationToken);

        // The single-use instance is stopped after its response, without holding the connection: the cold start's
        // phases are recorded once that stop is over.
        var text = "";
        string? contentType = null;
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            using var response = await _gateway.Client.GetAsync("/metrics", TestContext.Current.CancellationToken);
            contentType = response.Content.Headers.ContentType?.ToString();
            text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            return text.Contains("phase=\"teardown\"", StringComparison.Ordinal);
        }), "no teardown phase was recorded");

        Assert.StartsWith("text/plain", contentType, StringComparison.Ordinal);
        Assert.Contains("flint_invocations_total{function=\"measured\",status=\"200\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("flint_cold_start_seconds_count{runtime=\"process\",phase=\"ready\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("flint_cold_start_seconds_bucket{runtime=\"process\",phase=\"teardown\",le=\"+Inf\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE flint_instances gauge", text, StringComparison.Ordinal);

        // One observation, well over 100 µs and well under 10 s: cumulative buckets rise from 0 to 1 once, and stay there.
        var buckets = text.Split('\n')
            .Where(l => l.StartsWith("flint_cold_start_seconds_bucket{runtime=\"process\",phase=\"teardown\",", StringComparison.Ordinal))
            .Select(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(17, buckets.Count);
        Assert.Equal(0, buckets[0]);
        Assert.Equal(1, buckets[^2]);
        Assert.Equal(buckets.Order(), buckets);
    }

    [Fact]
    public async Task Metrics_ClientGoesAwayMidRequest_CountsStatus499()
    {
        await _gateway.DeployHelloAsync("abandoned", new { mode = "keep-warm" });
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var request = _gateway.Client.PostAsync("/function/abandoned/echo", new TrickleContent(), giveUp.Token);
        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("abandoned") == 1));

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        Assert.True(await Eventually.TrueAsync(async () =>
            (await _gateway.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken))
                .Contains("flint_invocations_total{function=\"abandoned\",status=\"499\"} 1", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }

    private async Task<(TrickleContent Content, Task<HttpResponseMessage> Response)> HoldOneRequestAsync(string function)
    {
        var content = new TrickleContent();
        var response = _gateway.Client.PostAsync($"/function/{function}/echo", content, TestContext.Current.CancellationToken);
        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync(function) == 1));
        return (content, response);
    }
}
