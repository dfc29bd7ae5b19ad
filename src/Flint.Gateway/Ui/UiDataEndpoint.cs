using Flint.Gateway.Functions;
using Flint.Gateway.Metrics;
using Flint.Gateway.Scaling;

namespace Flint.Gateway.Ui;

/// <summary><c>GET /ui/data</c>: what the page shows, read fresh at each call (the page polls it).</summary>
internal static class UiDataEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/ui/data", Data);

    private static IResult Data(HttpContext context, FunctionCatalog catalog, Scaler scaler, GatewayMetrics metrics, BenchReports reports)
    {
        context.Response.Headers.CacheControl = "no-store";
        var functions = catalog.List()
            .Select(f => new UiFunction(f.Name, f.Runtime, FunctionModes.Format(f.Mode), scaler.InstanceCount(f.Name), metrics.InvocationCount(f.Name)))
            .ToList();
        return Results.Ok(new UiData(functions, GatewayMetrics.SecondsBuckets, metrics.FunctionColdStarts(), reports.Latest()));
    }
}
