using Flint.Gateway.Functions;
using Flint.Gateway.Scaling;

namespace Flint.Gateway.Endpoints;

/// <summary><c>GET /system/functions</c>: every deployed function, by name.</summary>
internal static class ListFunctionsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/system/functions", List);

    private static IResult List(FunctionCatalog catalog, Scaler scaler) =>
        Results.Ok(catalog.List().Select(f => FunctionView.Of(f, scaler.InstanceCount(f.Name))).ToList());
}
