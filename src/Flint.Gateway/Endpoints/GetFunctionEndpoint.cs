using Flint.Gateway.Functions;
using Flint.Gateway.Scaling;

namespace Flint.Gateway.Endpoints;

/// <summary><c>GET /system/functions/{name}</c>: one deployed function, its live instance count and how many are still being torn down.</summary>
internal static class GetFunctionEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/system/functions/{name}", Get);

    private static IResult Get(string name, FunctionCatalog catalog, Scaler scaler) =>
        catalog.Find(name) is { } function
            ? Results.Ok(FunctionView.Of(function, scaler.InstanceCount(name), scaler.StoppingCount(name)))
            : UnknownFunction.Error(name).ToResult();
}
