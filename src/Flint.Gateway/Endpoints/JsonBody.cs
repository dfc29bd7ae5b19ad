using System.Text.Json;

namespace Flint.Gateway.Endpoints;

/// <summary>Reads a JSON request body into a request type, or says why it cannot.</summary>
internal static partial class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<(T? Value, ApiError? Error)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return value is null ? (null, Invalid("the request body must be a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid(Describe(e)));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, new ApiError(StatusCodes.Status413PayloadTooLarge, "the request body is larger than the gateway accepts"));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("property '([^']*)'")]
    private static partial System.Text.RegularExpressions.Regex UnmappedProperty();

    private static ApiError Invalid(string message) => new(StatusCodes.Status400BadRequest, message);

    /// <summary>
    /// The problem in the API's words: which field, and what is wrong with it. The serializer's own
    /// messages name .NET types, which mean nothing to a client and describe the gateway's insides.
    /// </summary>
    private static string Describe(JsonException e)
    {
        var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = UnmappedProperty().Match(e.Message) is { Success: true } match ? match.Groups[1].Value : field ?? e.Path;
            return $"unknown field '{name}'{where}";
        }

        if (e.Message.Contains("could not be converted", StringComparison.Ordinal) && field is not null)
        {
            return $"field '{field}' has the wrong type{where}: see the API's description of a deploy spec";
        }

        return field is null
            ? $"the request body is not valid JSON{where}"
            : $"the request body is not valid JSON at field '{field}'{where}";
    }
}
