using System.Net;
using Flint.Testing;

namespace Flint.Gateway.Tests.Scaling;

/// <summary>The same hello image, booted per request as a crun, runc or Docker container through the gateway.</summary>
public sealed class ContainerRuntimeInvocationTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Theory]
    [InlineData("crun")]
    [InlineData("runc")]
    [InlineData("docker")]
    public async Task Invoke_SingleUse_AnswersFromAFreshContainerEachTime(string runtime)
    {
        await _gateway.RequireRuntimeAsync(runtime);
        await _gateway.DeployHelloAsync("once", new { runtime });

        using var first = await _gateway.Client.GetAsync("/function/once/", TestContext.Current.CancellationToken);
        using var second = await _gateway.Client.PostAsync("/function/once/echo", new StringContent("ping"), TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Flint!\n", await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("ping", await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("true", ResponseHeader.Single(second, "X-Flint-Cold-Start"));
        Assert.NotEqual(ResponseHeader.Single(first, "X-Flint-Instance"), ResponseHeader.Single(second, "X-Flint-Instance"));
        Assert.Contains("answered=", ResponseHeader.Single(first, "X-Flint-Phases"), StringComparison.Ordinal);
        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("once") == 0));
    }

    [Theory]
    [InlineData("crun")]
    [InlineData("runc")]
    [InlineData("docker")]
    public async Task Invoke_KeepWarm_ReusesTheContainer(string runtime)
    {
        await _gateway.RequireRuntimeAsync(runtime);
        await _gateway.DeployHelloAsync("warm", new { runtime, mode = "keep-warm", idleTimeout = "30s" });

        using var first = await _gateway.Client.GetAsync("/function/warm/", TestContext.Current.CancellationToken);
        using var second = await _gateway.Client.GetAsync("/function/warm/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Hello from Flint!\n", await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("false", ResponseHeader.Single(second, "X-Flint-Cold-Start"));
        Assert.Equal(ResponseHeader.Single(first, "X-Flint-Instance"), ResponseHeader.Single(second, "X-Flint-Instance"));
        Assert.True(await _gateway.ScalesToZeroAsync("warm", TimeSpan.FromSeconds(30)));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
