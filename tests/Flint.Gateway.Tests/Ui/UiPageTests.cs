using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Flint.Testing;

namespace Flint.Gateway.Tests.Ui;

public sealed class UiPageTests
{
    [Fact]
    public async Task Page_Anonymous_IsHtmlThatRunsOnlyItsOwnScript()
    {
        using var data = new TempDirectory("flint-gateway");
        await using var gateway = await RunningGateway.StartAsync(data.Path);
        using var anonymous = gateway.Anonymous();
        var cancel = TestContext.Current.CancellationToken;

        using var page = await anonymous.GetAsync("/ui", cancel);
        using var script = await anonymous.GetAsync("/ui/page.js", cancel);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script src=\"/ui/page.js\"", await page.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("textContent", await script.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_MetricsProtected_NeedsTheAdminTokenLikeMetrics()
    {
        using var data = new TempDirectory("flint-gateway");
        await using var gateway = await RunningGateway.StartAsync(data.Path, o => o with { ProtectMetrics = true });
        using var anonymous = gateway.Anonymous();
        using var basic = gateway.Anonymous();
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{gateway.Token}")));
        var cancel = TestContext.Current.CancellationToken;

        foreach (var path in new[] { "/ui", "/ui/data", "/ui/page.js" })
        {
            using var refused = await anonymous.GetAsync(path, cancel);
            using var allowed = await basic.GetAsync(path, cancel);

            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains(refused.Headers.WwwAuthenticate, c => c.Scheme == "Basic");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
    }
}
