using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Gateway.Logs;
using Flint.Gateway.Scaling;

namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary>
/// OpenFaaS's <c>DELETE /system/functions</c>, body <c>{"functionName": "..."}</c>: removes the
/// function and stops its instances, 202; 404 when there is no such function.
/// </summary>
internal static class DeleteEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapDelete("/system/functions", DeleteAsync);

    private static async Task<IResult> DeleteAsync(HttpRequest request, FunctionCatalog catalog, Scaler scaler, FunctionLogs logs, ImageCollector collector)
    {
        var (body, unreadable) = await JsonBody.ReadAsync<DeleteFunctionRequest>(request);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        if (body!.FunctionName is not { Length: > 0 } name)
        {
            return new ApiError(StatusCodes.Status400BadRequest, "functionName is required").ToResult();
        }

        if (!catalog.Remove(name))
        {
            return UnknownFunction.Error(name).ToResult();
        }

        await scaler.RetireAsync(name);
        logs.Forget(name);
        collector.Collect();
        return Results.Accepted();
    }
}
