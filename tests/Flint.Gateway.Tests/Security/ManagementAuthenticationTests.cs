using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Flint.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Flint.Gateway.Tests.Security;

/// <summary>Every <c>/system/*</c> route needs the admin token; health stays open, metrics by choice.</summary>
public sealed class ManagementAuthenticationTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    public static TheoryData<string, string> WrongCredentials() => new()
    {
        { "none", "" },
        { "wrong bearer", "Bearer 0123456789abcdef0123456789abcdef" },
        { "empty bearer", "Bearer " },
        { "basic, wrong password", Basic("admin", "0123456789abcdef0123456789abcdef") },
        { "not a scheme", "0123456789abcdef0123456789abcdef" },
    };

    [Theory]
    [MemberData(nameof(WrongCredentials))]
    public async Task EverySystemRoute_WithoutTheToken_Returns401Json(string what, string authorization)
    {
        var routes = SystemRoutes(_gateway.Services);
        using var client = _gateway.Anonymous();

        Assert.Contains(("POST", "/system/functions"), routes);
        Assert.Contains(("GET", "/system/runtimes"), routes);
        Assert.Contains(("POST", "/system/images"), routes);
        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            if (authorization.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with {what}: {(int)response.StatusCode}");
            Assert.Contains("admin token", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
            Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        }
    }

    [Fact]
    public async Task UnknownSystemPath_WithoutTheToken_Returns401NotItsExistence()
    {
        using var client = _gateway.Anonymous();

        using var response = await client.GetAsync("/SYSTEM/nothing-here", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SystemRoute_WithBearerOrBasicToken_IsServed()
    {
        using var client = _gateway.Anonymous();
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/system/functions");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _gateway.Token);
        using var basic = new HttpRequestMessage(HttpMethod.Get, "/system/functions");
        basic.Headers.TryAddWithoutValidation("Authorization", Basic("admin", _gateway.Token));
        using var otherUser = new HttpRequestMessage(HttpMethod.Get, "/system/functions");
        otherUser.Headers.TryAddWithoutValidation("Authorization", Basic("root", _gateway.Token));

        using var byBearer = await client.SendAsync(bearer, TestContext.Current.CancellationToken);
        using var byBasic = await client.SendAsync(basic, TestContext.Current.CancellationToken);
        using var byOtherUser = await client.SendAsync(otherUser, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, byBearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byBasic.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byOtherUser.StatusCode);
    }

    [Fact]
    public async Task HealthAndMetrics_WithoutTheToken_StayReadable()
    {
        using var client = _gateway.Anonymous();

        using var health = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        using var metrics = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task Metrics_WhenProtected_NeedTheToken()
    {
        using var data = new TempDirectory("flint-gateway");
        await using var gateway = await RunningGateway.StartAsync(data.Path, options => options with { ProtectMetrics = true });
        using var anonymous = gateway.Anonymous();

        using var refused = await anonymous.GetAsync("/metrics", TestContext.Current.CancellationToken);
        using var served = await gateway.Client.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Build_WithoutAUsableToken_IsRefused()
    {
        var options = new GatewayOptions { DataDirectory = _data.Path, AdminToken = "short" };

        var error = Assert.Throws<ArgumentException>(() => GatewayHost.Build(options));

        Assert.Contains("admin token", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Every route under /system the gateway maps, with each method, parameters filled in.</summary>
    private static List<(string Method, string Path)> SystemRoutes(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/system", StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, Fill(e.RoutePattern.RawText!)))),
    ];

    private static string Fill(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]*\\}", "x");

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
