using System.Text.Json;

namespace Flint.Gateway.Endpoints;

/// <summary>Reads a JSON request body into a request type, or says why it cannot.</summary>
internal static class JsonBody
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
            return (null, Invalid($"the request body is not valid JSON for this endpoint: {e.Message}"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, new ApiError(StatusCodes.Status413PayloadTooLarge, "the request body is larger than the gateway accepts"));
        }
    }

    private static ApiError Invalid(string message) => new(StatusCodes.Status400BadRequest, message);
}
