using System.Net;
using Flint.Testing;

namespace Flint.Gateway.Tests.Endpoints;

/// <summary>Every error the gateway gives is JSON that names the problem in the API's words.</summary>
public sealed class ErrorResponseTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Theory]
    [InlineData("/favicon.ico")]
    [InlineData("/system/functions.json")]
    [InlineData("/no/such/place")]
    public async Task Get_UnknownPath_Returns404JsonNamingThePath(string path)
    {
        using var response = await _gateway.Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"no endpoint GET {path}", await ErrorBody.ReadAsync(response));
    }

    [Fact]
    public async Task Get_HeadersLargerThanTheLimit_Returns431Json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Large", new string('a', 40 * 1024));

        using var response = await _gateway.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Contains("the gateway accepts at most 32768", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"x","colour":"blue"}""")]
    [InlineData("""{"name":"x","maxInstances":"many"}""")]
    [InlineData("""{"name":"x",""")]
    [InlineData("""[1,2]""")]
    public async Task Deploy_MalformedBody_Returns400NamingNoInternalType(string body)
    {
        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Json(body), TestContext.Current.CancellationToken);
        var error = await ErrorBody.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Flint.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain(".NET", error, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
