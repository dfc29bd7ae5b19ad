using System.Text;
using Microsoft.Net.Http.Headers;

namespace Flint.Gateway.Security;

/// <summary>
/// The token a request presents: <c>Authorization: Bearer &lt;token&gt;</c>, or, as OpenFaaS clients
/// send it, basic auth with user <c>admin</c> and the token as password.
/// </summary>
internal static class RequestCredentials
{
    public const string BasicUser = "admin";

    public static bool Authorize(HttpRequest request, AdminToken token) => token.Matches(Presented(request));

    /// <summary>The presented token, or null when the request carries none in a form the gateway reads.</summary>
    public static string? Presented(HttpRequest request)
    {
        if (request.Headers[HeaderNames.Authorization] is not [{ } header])
        {
            return null;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return null;
        }

        var scheme = header[..space];
        var value = header[(space + 1)..].Trim();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        return scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) ? BasicPassword(value) : null;
    }

    private static string? BasicPassword(string value)
    {
        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, bytes, out var length))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && pair[..colon] == BasicUser ? pair[(colon + 1)..] : null;
    }
}
