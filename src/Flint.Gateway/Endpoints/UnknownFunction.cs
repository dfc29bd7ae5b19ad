namespace Flint.Gateway.Endpoints;

/// <summary>The 404 for a function name that is not deployed.</summary>
internal static class UnknownFunction
{
    public static ApiError Error(string name) =>
        new(StatusCodes.Status404NotFound, $"function '{name}' is not deployed");
}
