using System.Globalization;
using Flint.Gateway.Functions;
using Flint.Gateway.Logs;

namespace Flint.Gateway.Endpoints;

/// <summary>
/// <c>GET /system/functions/{name}/logs?tail=N</c>: the newest lines the function's instances
/// printed, each with its instance id and stream, oldest first.
/// </summary>
internal static class FunctionLogsEndpoint
{
    private const int DefaultTail = 100;

    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/system/functions/{name}/logs", Get);

    private static IResult Get(string name, HttpRequest request, FunctionCatalog catalog, FunctionLogs logs)
    {
        if (catalog.Find(name) is null)
        {
            return UnknownFunction.Error(name).ToResult();
        }

        var tail = DefaultTail;
        if (request.Query["tail"] is [{ } text] && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out tail) || tail < 1))
        {
            return new ApiError(StatusCodes.Status400BadRequest, $"tail '{text}' must be a positive number of lines").ToResult();
        }

        return Results.Ok(new LogsView(name, logs.For(name).Tail(tail)));
    }

    private sealed record LogsView(string Function, IReadOnlyList<LogEntry> Lines);
}
