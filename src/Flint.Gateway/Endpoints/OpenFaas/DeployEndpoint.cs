using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Runtimes;

namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary>
/// OpenFaaS's <c>POST /system/functions</c>: deploys a new function, 202 as OpenFaaS answers; 409 if
/// the name is taken. Reached through <see cref="DeployFunctionEndpoint"/>, which shares the route
/// with Flint's own deploy and hands over bodies that name a <c>service</c>.
/// </summary>
internal static class DeployEndpoint
{
    public static async Task<IResult> DeployAsync(HttpRequest request, FunctionCatalog catalog, RuntimeRegistry runtimes, ImageReferences images)
    {
        var (body, unreadable) = await JsonBody.ReadAsync<FunctionDeployment>(request);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        var (function, invalid) = await DeploymentTranslator.TranslateAsync(body!, runtimes, images, request.HttpContext.RequestAborted);
        if (function is null)
        {
            return invalid!.ToResult();
        }

        if (!catalog.TryAdd(function))
        {
            return new ApiError(
                StatusCodes.Status409Conflict,
                $"function '{function.Name}' already exists; update it with PUT /system/functions or delete it first").ToResult();
        }

        return Results.Accepted($"/system/function/{function.Name}");
    }
}
