using Flint.Runtimes;

namespace Flint.Gateway.Endpoints;

/// <summary><c>GET /system/runtimes</c>: each runtime, whether this host can run it, and if not why.</summary>
internal static class RuntimesEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/system/runtimes", List);

    private static IResult List(RuntimeRegistry runtimes) =>
        Results.Ok(runtimes.Describe().Select(r => new RuntimeView(r.Name, r.Availability.IsAvailable, r.Availability.Reason)).ToList());

    private sealed record RuntimeView(string Name, bool Available, string? Reason);
}
