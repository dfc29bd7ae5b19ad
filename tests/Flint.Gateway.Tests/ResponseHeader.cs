namespace Flint.Gateway.Tests;

/// <summary>Reads the headers the gateway adds to a response (instance, cold start, phases).</summary>
internal static class ResponseHeader
{
    /// <summary>The header's one value; fails the test when it is missing or repeated, so two missing headers never compare equal.</summary>
    public static string Single(HttpResponseMessage response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.Headers.TryGetValues(name, out var values), $"the response ({(int)response.StatusCode}) has no {name} header");
        return Assert.Single(values);
    }
}
