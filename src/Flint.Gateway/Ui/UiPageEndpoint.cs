using Flint.Gateway.Security;

namespace Flint.Gateway.Ui;

/// <summary>
/// <c>GET /ui</c>: a page for a person, listing the functions, their cold starts and the latest
/// benchmark report; <c>GET /ui/page.js</c> is its script, which polls <c>/ui/data</c>.
/// </summary>
internal static class UiPageEndpoint
{
    private const string Path = ManagementAuthentication.UiPath;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, (HttpContext context) => Asset(context, UiAssets.Page.Value, "text/html; charset=utf-8"));
        routes.MapGet($"{Path}/page.js", (HttpContext context) => Asset(context, UiAssets.Script.Value, "text/javascript; charset=utf-8"));
    }

    private static IResult Asset(HttpContext context, byte[] content, string contentType)
    {
        UiHeaders.Apply(context.Response, UiHeaders.PagePolicy);
        return Results.Bytes(content, contentType);
    }
}
