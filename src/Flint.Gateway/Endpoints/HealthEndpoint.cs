namespace Flint.Gateway.Endpoints;

/// <summary><c>GET /healthz</c>: the gateway is up and serving.</summary>
internal static class HealthEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/healthz", () => Results.Ok(new Health("ok")));

    private sealed record Health(string Status);
}
