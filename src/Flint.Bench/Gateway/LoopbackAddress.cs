using System.Net;

namespace Flint.Bench.Gateway;

/// <summary>Benchmark traffic stays on this machine: every gateway address must be loopback.</summary>
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

        return gatewayUrl;
    }
}
