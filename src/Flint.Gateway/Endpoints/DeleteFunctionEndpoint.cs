using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Gateway.Logs;
using Flint.Gateway.Scaling;

namespace Flint.Gateway.Endpoints;

/// <summary><c>DELETE /system/functions/{name}</c>: removes a function, stops its instances, then removes pulled images no function uses any more.</summary>
internal static class DeleteFunctionEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapDelete("/system/functions/{name}", DeleteAsync);

    private static async Task<IResult> DeleteAsync(string name, FunctionCatalog catalog, Scaler scaler, FunctionLogs logs, ImageCollector collector)
    {
        if (!catalog.Remove(name))
        {
            return UnknownFunction.Error(name).ToResult();
        }

        await scaler.RetireAsync(name);
        logs.Forget(name);
        collector.Collect();
        return Results.NoContent();
    }
}
