using Flint.Gateway.Endpoints.Deploy;
using Flint.Gateway.Endpoints.OpenFaas;
using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Runtimes;

namespace Flint.Gateway.Endpoints;

/// <summary>
/// <c>POST /system/functions</c>: deploys a new function; 409 if the name is taken. OpenFaaS's deploy
/// shares the route: a body that names a <c>service</c> goes to <see cref="OpenFaas.DeployEndpoint"/>.
/// </summary>
internal static class DeployFunctionEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/system/functions", DeployAsync);

    private static async Task<IResult> DeployAsync(HttpRequest request, FunctionCatalog catalog, RuntimeRegistry runtimes, ImageReferences images)
    {
        if (await DeploymentBody.IsOpenFaasAsync(request))
        {
            return await OpenFaas.DeployEndpoint.DeployAsync(request, catalog, runtimes, images);
        }

        var (body, unreadable) = await JsonBody.ReadAsync<DeployRequest>(request);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        var (validated, invalid) = await DeployValidator.ValidateAsync(body!, runtimes, images, request.HttpContext.RequestAborted);
        if (validated is not { } function)
        {
            return invalid!.ToResult();
        }

        if (!catalog.TryAdd(function))
        {
            return new ApiError(
                StatusCodes.Status409Conflict,
                $"function '{function.Name}' already exists; update it with PUT /system/functions/{function.Name} or delete it first").ToResult();
        }

        return Results.Created($"/system/functions/{function.Name}", FunctionView.Of(function, instances: 0));
    }
}
