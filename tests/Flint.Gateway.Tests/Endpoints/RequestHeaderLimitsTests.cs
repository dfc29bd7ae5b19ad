using Flint.Gateway.Endpoints;
using Flint.Gateway.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Flint.Gateway.Tests.Endpoints;

public sealed class RequestHeaderLimitsTests
{
    [Fact]
    public async Task InvokeAsync_HeaderLinesUpToTheLimit_PassesTheRequestOn()
    {
        var context = Context(("X-A", "1"), ("X-B", new StringValues(["1", "2"])));

        Assert.True(await PassesAsync(context, maxCount: 3, maxBytes: 1000));
    }

    [Fact]
    public async Task InvokeAsync_OneHeaderLineTooMany_Refuses431NamingBothCounts()
    {
        var context = Context(("X-A", "1"), ("X-B", new StringValues(["1", "2"])));

        Assert.False(await PassesAsync(context, maxCount: 2, maxBytes: 1000));

        Assert.Equal(StatusCodes.Status431RequestHeaderFieldsTooLarge, context.Response.StatusCode);
        Assert.Equal("the request has 3 header lines; the gateway accepts at most 2", await ErrorOfAsync(context));
    }

    [Fact]
    public async Task InvokeAsync_HeaderBytesUpToTheLimit_PassesTheRequestOn()
    {
        // "X-A: abc\r\n": name, value, ": " and CRLF.
        var context = Context(("X-A", "abc"), ("X-B", "de"));

        Assert.True(await PassesAsync(context, maxCount: 100, maxBytes: 19));
    }

    [Fact]
    public async Task InvokeAsync_OneHeaderByteTooMany_Refuses431NamingBothSizes()
    {
        var context = Context(("X-A", "abc"), ("X-B", "de"));

        Assert.False(await PassesAsync(context, maxCount: 100, maxBytes: 18));

        Assert.Equal(StatusCodes.Status431RequestHeaderFieldsTooLarge, context.Response.StatusCode);
        Assert.Equal("the request's headers are 19 bytes; the gateway accepts at most 18", await ErrorOfAsync(context));
    }

    private static DefaultHttpContext Context(params (string Name, StringValues Values)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        foreach (var (name, values) in headers)
        {
            context.Request.Headers[name] = values;
        }

        return context;
    }

    private static async Task<bool> PassesAsync(HttpContext context, int maxCount, int maxBytes)
    {
        var passed = false;
        var options = new GatewayOptions
        {
            DataDirectory = "unused",
            AdminToken = AdminToken.Generate(),
            MaxRequestHeaderCount = maxCount,
            MaxRequestHeaderBytes = maxBytes,
        };
        var limits = new RequestHeaderLimits(_ => { passed = true; return Task.CompletedTask; }, options);

        await limits.InvokeAsync(context);
        return passed;
    }

    private static async Task<string> ErrorOfAsync(HttpContext context)
    {
        context.Response.Body.Position = 0;
        using var body = await System.Text.Json.JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        return body.RootElement.GetProperty("error").GetString()!;
    }
}
