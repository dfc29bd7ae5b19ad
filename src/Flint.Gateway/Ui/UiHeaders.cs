using Microsoft.Net.Http.Headers;

namespace Flint.Gateway.Ui;

/// <summary>
/// The headers every <c>/ui</c> response carries: a content security policy (the page runs only its
/// own script; a chart opened on its own runs none), no type sniffing, no framing, no referrer.
/// </summary>
internal static class UiHeaders
{
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

    public static void Apply(HttpResponse response, string contentSecurityPolicy)
    {
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers[HeaderNames.CacheControl] = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
