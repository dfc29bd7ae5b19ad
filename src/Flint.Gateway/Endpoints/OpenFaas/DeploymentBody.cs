using System.Text.Json;

namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary>
/// Tells OpenFaaS's deploy body from Flint's on the route they share: OpenFaaS names the function in
/// <c>service</c>, Flint in <c>name</c>. The body is buffered so that the chosen endpoint reads it
/// from the start; a body that is not a JSON object goes to Flint's deploy, which says what is wrong.
/// </summary>
internal static class DeploymentBody
{
    public const string ServiceField = "service";

    public static async Task<bool> IsOpenFaasAsync(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(ServiceField, out _);
        }
        catch (Exception e) when (e is JsonException or BadHttpRequestException)
        {
            return false;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
