using System.Net;
using System.Text;
using Flint.Testing;

namespace Flint.Gateway.Tests.Async;

/// <summary><c>/async-function/{name}</c>: queued calls answered 202, results posted to the caller's callback URL.</summary>
public sealed class AsyncInvocationTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() =>
        _gateway = await RunningGateway.StartAsync(_data.Path, o => o with { AsyncQueueCapacity = 1, AsyncWorkers = 1 });

    [Fact]
    public async Task AsyncCall_WithCallback_Returns202ThenPostsTheResult()
    {
        await _gateway.DeployAsync("echo", await NativeTestFunctions.EchoesRequestAsync());
        await using var receiver = await CallbackReceiver.StartAsync();
        using var client = _gateway.Anonymous();

        using var accepted = await client.SendAsync(Call("/async-function/echo/jobs?n=7", "payload", receiver.Url), TestContext.Current.CancellationToken);
        var result = await receiver.NextAsync();

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var callId = Assert.Single(accepted.Headers.GetValues("X-Call-Id"));
        Assert.Equal(callId, result.CallId);
        Assert.Equal("200", result.FunctionStatus);
        Assert.Equal("echo", result.FunctionName);
        Assert.StartsWith("POST /jobs?n=7 ", result.Body, StringComparison.Ordinal);
        Assert.EndsWith("payload", result.Body, StringComparison.Ordinal);
        Assert.Contains($"X-Call-Id: {callId}", result.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("X-Callback-Url", result.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AsyncCall_WhenTheQueueIsFull_Returns429Json()
    {
        await _gateway.DeployAsync("echo", await NativeTestFunctions.EchoesRequestAsync());
        await using var receiver = await CallbackReceiver.StartAsync(hold: true);
        using var client = _gateway.Anonymous();

        using var first = await client.SendAsync(Call("/async-function/echo", "1", receiver.Url), TestContext.Current.CancellationToken);
        var running = await receiver.NextAsync();
        using var queued = await client.SendAsync(Call("/async-function/echo", "2", receiver.Url), TestContext.Current.CancellationToken);
        using var refused = await client.SendAsync(Call("/async-function/echo", "3", receiver.Url), TestContext.Current.CancellationToken);
        var metrics = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        receiver.Release();
        var second = await receiver.NextAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.EndsWith("1", running.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("queue is full", await ErrorBody.ReadAsync(refused), StringComparison.Ordinal);
        Assert.Contains("flint_async_queue_length 1\n", metrics, StringComparison.Ordinal);
        Assert.EndsWith("2", second.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsyncCall_UnknownFunctionOrBadCallback_IsRefusedAtOnce()
    {
        await _gateway.DeployAsync("echo", await NativeTestFunctions.EchoesRequestAsync());
        using var client = _gateway.Anonymous();

        using var unknown = await client.SendAsync(Call("/async-function/ghost", "", null), TestContext.Current.CancellationToken);
        using var badCallback = await client.SendAsync(Call("/async-function/echo", "", new Uri("file:///etc/passwd")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCallback.StatusCode);
        Assert.Contains("X-Callback-Url", await ErrorBody.ReadAsync(badCallback), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsyncCall_ToAFunctionNeedingAuth_WithoutTheToken_Returns401()
    {
        await _gateway.DeployAsync("private", await NativeTestFunctions.EchoesRequestAsync(), new { auth = true });
        using var client = _gateway.Anonymous();

        using var response = await client.SendAsync(Call("/async-function/private", "", null), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }

    private static HttpRequestMessage Call(string path, string body, Uri? callback)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        if (callback is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Callback-Url", callback.ToString());
        }

        return request;
    }
}
