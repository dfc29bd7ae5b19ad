using Flint.Gateway.Endpoints.Deploy;
using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Gateway.Scaling;
using Flint.Runtimes;

namespace Flint.Gateway.Endpoints;

/// <summary>
/// <c>PUT /system/functions/{name}</c>: deploys or replaces a function. Its running instances are
/// stopped so that the next request boots one with the new definition, and a pulled image no function
/// uses any more is removed.
/// </summary>
internal static class UpdateFunctionEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPut("/system/functions/{name}", UpdateAsync);

    private static async Task<IResult> UpdateAsync(string name, HttpRequest request, FunctionCatalog catalog, RuntimeRegistry runtimes, ImageReferences images, Scaler scaler, ImageCollector collector)
    {
        var (body, unreadable) = await JsonBody.ReadAsync<DeployRequest>(request);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }

        if (body!.Name is { } bodyName && bodyName != name)
        {
            return new ApiError(StatusCodes.Status400BadRequest, $"the body names function '{bodyName}' but the URL names '{name}'").ToResult();
        }

        var (validated, invalid) = await DeployValidator.ValidateAsync(body with { Name = name }, runtimes, images, request.HttpContext.RequestAborted);
        if (validated is not { } function)
        {
            return invalid!.ToResult();
        }

        var previous = catalog.Put(function);
        await scaler.RetireAsync(name);
        collector.Collect();
        var view = FunctionView.Of(function, instances: 0);
        return previous is null ? Results.Created($"/system/functions/{name}", view) : Results.Ok(view);
    }
}
