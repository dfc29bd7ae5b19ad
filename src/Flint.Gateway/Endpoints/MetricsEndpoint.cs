using Flint.Gateway.Async;
using Flint.Gateway.Metrics;
using Flint.Gateway.Scaling;
using Flint.Gateway.Security;
using Prometheus;

namespace Flint.Gateway.Endpoints;

/// <summary>
/// <c>GET /metrics</c>: the gateway's registry in the Prometheus text format (OpenMetrics when the
/// scraper asks for it); the instance and queue gauges are read just before each scrape.
/// </summary>
internal static class MetricsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var metrics = routes.ServiceProvider.GetRequiredService<GatewayMetrics>();
        var scaler = routes.ServiceProvider.GetRequiredService<Scaler>();
        var queue = routes.ServiceProvider.GetRequiredService<AsyncQueue>();
        metrics.Registry.AddBeforeCollectCallback(() => metrics.SetGauges(scaler.InstanceCounts(), scaler.InstanceCountsByState(), queue.Length));
        routes.MapMetrics(ManagementAuthentication.MetricsPath, metrics.Registry);
    }
}
