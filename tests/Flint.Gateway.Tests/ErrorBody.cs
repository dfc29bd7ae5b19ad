using System.Net.Http.Json;
using System.Text.Json;

namespace Flint.Gateway.Tests;

/// <summary>Reads the JSON error body every failed gateway response carries.</summary>
internal static class ErrorBody
{
    /// <summary>The body's <c>error</c> field; fails the test when the body is not such JSON.</summary>
    public static async Task<string> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error").GetString()!;
}
