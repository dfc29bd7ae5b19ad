using System.Net;
using Flint.Testing;

namespace Flint.Gateway.Tests.Admission;

/// <summary>200 concurrent single-use requests against the default bounds: each is served or refused with Retry-After; the gateway stays up and keeps nothing.</summary>
public sealed class ConcurrentSingleUseTests : IAsyncLifetime
{
    private const int Burst = 200;
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Fact]
    public async Task Invoke_200ConcurrentSingleUse_EachServedOrRefusedWithRetryAfter()
    {
        await _gateway.DeployAsync("burst", await NativeTestFunctions.AnswersHelloAsync(), new { timeout = "30s" });

        var responses = await Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => _gateway.Client.GetAsync("/function/burst/", TestContext.Current.CancellationToken)));
        try
        {
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable }));
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal("1", ResponseHeader.Single(r, "Retry-After")));
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }

        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("burst") == 0), "single-use instances outlived the burst");
        using var health = await _gateway.Client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
