using Microsoft.Net.Http.Headers;

namespace Flint.Gateway.Security;

/// <summary>The 401 for a request without the admin token, with the challenges a client can answer.</summary>
internal static class Unauthorized
{
    public static Task WriteAsync(HttpContext context, string what)
    {
        var message = context.Request.Headers.ContainsKey(HeaderNames.Authorization)
            ? $"{what} needs the gateway's admin token; the one presented is wrong"
            : $"{what} needs the gateway's admin token: send 'Authorization: Bearer <token>' (or basic auth, user '{RequestCredentials.BasicUser}', the token as password)";
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer realm=\"flint\"");
            context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Basic realm=\"flint\"");
            return Task.CompletedTask;
        });
        return new ApiError(StatusCodes.Status401Unauthorized, message).WriteAsync(context);
    }
}
