using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Gateway.Scaling;
using Flint.Runtimes;

namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary>
/// OpenFaaS's <c>PUT /system/functions</c> (the name in the body's <c>service</c>): replaces a
/// deployed function and stops its instances, 202; 404 when there is no such function, as in OpenFaaS.
/// </summary>
internal static class UpdateEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPut("/system/functions", UpdateAsync);

    private static async Task<IResult> UpdateAsync(HttpRequest request, FunctionCatalog catalog, RuntimeRegistry runtimes, ImageReferences images, Scaler scaler, ImageCollector collector)
    {
        var (body, unreadable) = await JsonBody.ReadAsync<FunctionDeployment>(request);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        if (body!.Service is { } service && catalog.Find(service) is null)
        {
            return UnknownFunction.Error(service).ToResult();
        }

        var (function, invalid) = await DeploymentTranslator.TranslateAsync(body, runtimes, images, request.HttpContext.RequestAborted);
        if (function is null)
        {
            return invalid!.ToResult();
        }

        catalog.Put(function);
        await scaler.RetireAsync(function.Name);
        collector.Collect();
        return Results.Accepted($"/system/function/{function.Name}");
    }
}
