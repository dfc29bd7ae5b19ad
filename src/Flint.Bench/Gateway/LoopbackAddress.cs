using System.Net;

namespace Flint.Bench.Gateway;

/// <summary>
/// Benchmark traffic stays on this machine: every gateway address must be plain http on loopback.
/// The address comes back ending in '/', so relative paths resolve under it.
/// </summary>
public static class LoopbackAddress
{
    public static Uri Require(Uri gatewayUrl)
    {
        ArgumentNullException.ThrowIfNull(gatewayUrl);
        var isLoopback = gatewayUrl.IsAbsoluteUri
            && gatewayUrl.Scheme == Uri.UriSchemeHttp
            && (gatewayUrl.IsLoopback || (IPAddress.TryParse(gatewayUrl.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip)));
        if (!isLoopback)
        {
            throw new ArgumentException($"the gateway must be an http:// loopback address, not '{gatewayUrl}'", nameof(gatewayUrl));
        }

        return gatewayUrl.AbsolutePath.EndsWith('/') ? gatewayUrl : new Uri(gatewayUrl.AbsoluteUri + "/");
    }
}
