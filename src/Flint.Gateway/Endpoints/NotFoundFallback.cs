namespace Flint.Gateway.Endpoints;

/// <summary>
/// Any other path, file-like ones (<c>/favicon.ico</c>) included: a JSON 404 rather than an empty one.
/// (<c>MapFallback</c> without a pattern skips paths whose last segment has a dot.)
/// </summary>
internal static class NotFoundFallback
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapFallback("{**path}", (HttpRequest request) =>
            new ApiError(StatusCodes.Status404NotFound, $"no endpoint {request.Method} {request.Path}").ToResult());
}
