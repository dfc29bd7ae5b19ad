using Flint.Gateway.Functions;
using Flint.Gateway.Metrics;
using Flint.Gateway.Scaling;

namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary><c>GET /system/function/{name}</c> (OpenFaaS's, singular): one function as <see cref="FunctionStatus"/>.</summary>
internal static class GetFunctionStatusEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/system/function/{name}", Get);

    private static IResult Get(string name, FunctionCatalog catalog, Scaler scaler, GatewayMetrics metrics) =>
        catalog.Find(name) is { } function
            ? Results.Ok(FunctionStatus.Of(function, scaler.InstanceCount(name), metrics.InvocationCount(name)))
            : UnknownFunction.Error(name).ToResult();
}
