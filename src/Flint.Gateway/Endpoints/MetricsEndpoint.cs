using Flint.Gateway.Async;
using Flint.Gateway.Metrics;
using Flint.Gateway.Scaling;

namespace Flint.Gateway.Endpoints;

/// <summary><c>GET /metrics</c>: invocation counters, cold-start histogram and instance gauges for Prometheus.</summary>
internal static class MetricsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/metrics", Get);

    private static IResult Get(GatewayMetrics metrics, Scaler scaler, AsyncQueue queue)
    {
        var text = new PrometheusText();
        metrics.Write(text);
        text.Header("flint_instances", "gauge", "Live instances (starting, serving or idle) by function and runtime.");
        foreach (var (function, runtime, instances) in scaler.InstanceCounts())
        {
            text.Sample("flint_instances", [("function", function), ("runtime", runtime)], instances);
        }

        text.Header("flint_async_queue_length", "gauge", "Asynchronous calls waiting for a worker.");
        text.Sample("flint_async_queue_length", [], queue.Length);

        return Results.Text(text.ToString(), PrometheusText.ContentType);
    }
}
