using Flint.Gateway.Async;
using Flint.Gateway.Functions;
using Flint.Gateway.Security;
using Microsoft.Net.Http.Headers;

namespace Flint.Gateway.Endpoints;

/// <summary>
/// <c>/async-function/{name}/{**path}</c>, any method (OpenFaaS's asynchronous invocation): checks the
/// function and the caller as an invocation would, queues the request and answers 202 with its
/// <c>X-Call-Id</c>; the result goes to <c>X-Callback-Url</c> when one is given (see
/// <see cref="AsyncInvoker"/>). A full queue answers 429.
/// </summary>
internal static class AsyncInvokeEndpoint
{
    public const string CallbackHeader = "X-Callback-Url";

    /// <summary>Headers that describe the connection or the gateway's handling, not the call.</summary>
    private static readonly HashSet<string> NotReplayed = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Host, HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Connection, HeaderNames.KeepAlive,
        HeaderNames.Upgrade, HeaderNames.TE, HeaderNames.Trailer, HeaderNames.ProxyAuthorization, HeaderNames.Expect, CallbackHeader,
    };

    public static void Map(IEndpointRouteBuilder routes) => routes.Map("/async-function/{name}/{**path}", InvokeAsync);

    private static async Task<IResult> InvokeAsync(HttpContext context, string name, FunctionCatalog catalog, AsyncQueue queue, GatewayOptions options, AdminToken token)
    {
        if (catalog.Find(name) is not { } function)
        {
            return UnknownFunction.Error(name).ToResult();
        }

        var presentsToken = RequestCredentials.Authorize(context.Request, token);
        if (function.RequireAuth && !presentsToken)
        {
            await Unauthorized.WriteAsync(context, $"function '{name}'");
            return Results.Empty;
        }

        Uri? callback = null;
        if (context.Request.Headers[CallbackHeader] is [{ } callbackText]
            && (!Uri.TryCreate(callbackText, UriKind.Absolute, out callback) || callback.Scheme is not ("http" or "https")))
        {
            return new ApiError(StatusCodes.Status400BadRequest, $"{CallbackHeader} '{callbackText}' must be an absolute http or https URL").ToResult();
        }

        if (context.Request.ContentLength > options.MaxRequestBodyBytes)
        {
            return TooLarge(options);
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(options);
        }

        var call = new AsyncCall(
            Guid.NewGuid().ToString(),
            name,
            context.Request.Method,
            $"{Remainder(context.Request, name)}{context.Request.QueryString}",
            [.. context.Request.Headers
                .Where(h => !NotReplayed.Contains(h.Key) && !(presentsToken && h.Key.Equals(HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase)))
                .Select(h => KeyValuePair.Create(h.Key, h.Value.Select(v => v ?? "").ToArray()))],
            body,
            callback,
            presentsToken);
        if (!queue.TryEnqueue(call))
        {
            return new ApiError(StatusCodes.Status429TooManyRequests, $"the asynchronous call queue is full ({queue.Capacity} calls waiting); try again later").ToResult();
        }

        context.Response.Headers[AsyncInvoker.CallIdHeader] = call.CallId;
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static string Remainder(HttpRequest request, string name) =>
        request.Path.StartsWithSegments($"/async-function/{name}", out var rest) ? rest.ToString() : "";

    private static IResult TooLarge(GatewayOptions options) =>
        new ApiError(StatusCodes.Status413PayloadTooLarge, $"the request body is larger than the gateway accepts ({options.MaxRequestBodyBytes} bytes)").ToResult();
}
