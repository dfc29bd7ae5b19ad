using Flint.Gateway.Endpoints.Deploy;
using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Runtimes;

namespace Flint.Gateway.Endpoints;

/// <summary><c>POST /system/functions</c>: deploys a new function; 409 if the name is taken.</summary>
internal static class DeployFunctionEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/system/functions", DeployAsync);

    private static async Task<IResult> DeployAsync(HttpRequest request, FunctionCatalog catalog, RuntimeRegistry runtimes, ImageReferences images)
    {
        var (body, unreadable) = await JsonBody.ReadAsync<DeployRequest>(request);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        var (validated, invalid) = DeployValidator.Validate(body!, runtimes, images);
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
