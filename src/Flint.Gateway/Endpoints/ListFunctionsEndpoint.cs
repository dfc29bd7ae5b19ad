using Flint.Gateway.Endpoints.OpenFaas;
using Flint.Gateway.Functions;
using Flint.Gateway.Metrics;
using Flint.Gateway.Scaling;

namespace Flint.Gateway.Endpoints;

/// <summary>
/// <c>GET /system/functions</c>: every deployed function, by name, in OpenFaaS's
/// <see cref="FunctionStatus"/> shape (which Flint's and OpenFaaS's clients both read); Flint's full
/// view of one function is <c>GET /system/functions/{name}</c>.
/// </summary>
internal static class ListFunctionsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/system/functions", List);

    private static IResult List(FunctionCatalog catalog, Scaler scaler, GatewayMetrics metrics) =>
        Results.Ok(catalog.List().Select(f => FunctionStatus.Of(f, scaler.InstanceCount(f.Name), metrics.InvocationCount(f.Name))).ToList());
}
