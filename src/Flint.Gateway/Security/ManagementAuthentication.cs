namespace Flint.Gateway.Security;

/// <summary>
/// Every path under <c>/system</c> (known routes or not), and <c>/metrics</c> and <c>/ui</c> when
/// <see cref="GatewayOptions.ProtectMetrics"/> is set, answers 401 unless the request presents the
/// admin token. Sitting before routing, it cannot miss a route added later. The page <c>/ui</c> only
/// reads, and shows little beyond what <c>/metrics</c> shows, so it follows the same rule; a browser
/// asked for the token answers the basic-auth challenge once for the page and its data.
/// </summary>
internal sealed class ManagementAuthentication
{
    public const string ManagementPrefix = "/system";
    public const string MetricsPath = "/metrics";
    public const string UiPath = "/ui";

    private readonly RequestDelegate _next;
    private readonly AdminToken _token;
    private readonly bool _protectMetrics;

    public ManagementAuthentication(RequestDelegate next, AdminToken token, GatewayOptions options)
    {
        _next = next;
        _token = token;
        _protectMetrics = options.ProtectMetrics;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var guarded = path.StartsWithSegments(ManagementPrefix, StringComparison.OrdinalIgnoreCase)
            || (_protectMetrics && (path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments(UiPath, StringComparison.OrdinalIgnoreCase)));
        return !guarded || RequestCredentials.Authorize(context.Request, _token)
            ? _next(context)
            : Unauthorized.WriteAsync(context, $"{context.Request.Method} {path}");
    }
}
