namespace Flint.Gateway.Endpoints;

/// <summary>Any other path: a JSON 404 rather than an empty one.</summary>
internal static class NotFoundFallback
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapFallback((HttpRequest request) =>
            new ApiError(StatusCodes.Status404NotFound, $"no endpoint {request.Method} {request.Path}").ToResult());
}
