using System.Net;
using Flint.Testing;

namespace Flint.Gateway.Tests.Security;

/// <summary>Invocations are open unless a function is deployed with <c>auth</c>; the admin token never reaches a function.</summary>
public sealed class FunctionAuthTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Fact]
    public async Task Invoke_FunctionDeployedWithAuth_NeedsTheToken()
    {
        await _gateway.DeployAsync("guarded", await NativeTestFunctions.EchoesRequestAsync(), new { auth = true });
        using var anonymous = _gateway.Anonymous();

        using var refused = await anonymous.GetAsync("/function/guarded/", TestContext.Current.CancellationToken);
        using var served = await _gateway.Client.GetAsync("/function/guarded/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("admin token", await ErrorBody.ReadAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.DoesNotContain(_gateway.Token, await served.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_OpenFunction_IsServedWithoutTokenAndNeverSeesIt()
    {
        await _gateway.DeployAsync("open", await NativeTestFunctions.EchoesRequestAsync());
        using var anonymous = _gateway.Anonymous();

        using var withoutToken = await anonymous.GetAsync("/function/open/", TestContext.Current.CancellationToken);
        using var withToken = await _gateway.Client.GetAsync("/function/open/", TestContext.Current.CancellationToken);
        var forwarded = await withToken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.StartsWith("GET / HTTP/1.1", forwarded, StringComparison.Ordinal);
        Assert.DoesNotContain(_gateway.Token, forwarded, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", forwarded, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Invoke_OpenFunction_KeepsTheClientsOwnAuthorization()
    {
        await _gateway.DeployAsync("own", await NativeTestFunctions.EchoesRequestAsync());
        using var anonymous = _gateway.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/function/own/");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer the-functions-own-credential");

        using var response = await anonymous.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Contains("Bearer the-functions-own-credential", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
