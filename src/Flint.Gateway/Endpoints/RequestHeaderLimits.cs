namespace Flint.Gateway.Endpoints;

/// <summary>
/// Refuses a request whose headers exceed <see cref="GatewayOptions.MaxRequestHeaderBytes"/> or
/// <see cref="GatewayOptions.MaxRequestHeaderCount"/> with a JSON 431, before anything else reads it.
/// Kestrel's own limits are set <see cref="KestrelCeilingFactor"/> times higher, since Kestrel's
/// 431 has no body; a request past those ceilings still gets Kestrel's empty one.
/// </summary>
internal sealed class RequestHeaderLimits
{
    public const int KestrelCeilingFactor = 4;

    /// <summary>": " and CRLF around each header line.</summary>
    private const int LineOverhead = 4;

    private readonly RequestDelegate _next;
    private readonly GatewayOptions _options;

    public RequestHeaderLimits(RequestDelegate next, GatewayOptions options)
    {
        _next = next;
        _options = options;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var count = 0;
        long bytes = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + (value?.Length ?? 0) + LineOverhead;
            }
        }

        if (count > _options.MaxRequestHeaderCount)
        {
            return Refuse(context, $"the request has {count} header lines; the gateway accepts at most {_options.MaxRequestHeaderCount}");
        }

        return bytes > _options.MaxRequestHeaderBytes
            ? Refuse(context, $"the request's headers are {bytes} bytes; the gateway accepts at most {_options.MaxRequestHeaderBytes}")
            : _next(context);
    }

    private static Task Refuse(HttpContext context, string message) =>
        new ApiError(StatusCodes.Status431RequestHeaderFieldsTooLarge, message).WriteAsync(context);
}
