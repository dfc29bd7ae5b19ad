using Flint.Gateway.Functions;
using Flint.Gateway.Logs;
using Flint.Gateway.Scaling;

namespace Flint.Gateway.Endpoints;

/// <summary><c>DELETE /system/functions/{name}</c>: removes a function and stops its instances.</summary>
internal static class DeleteFunctionEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapDelete("/system/functions/{name}", DeleteAsync);

    private static async Task<IResult> DeleteAsync(string name, FunctionCatalog catalog, Scaler scaler, FunctionLogs logs)
    {
        if (!catalog.Remove(name))
        {
            return UnknownFunction.Error(name).ToResult();
        }

        await scaler.RetireAsync(name);
        logs.Forget(name);
        return Results.NoContent();
    }
}
