using System.Text.Json.Serialization;

namespace Flint.Bench.Gateway;

/// <summary>One entry of the gateway's <c>GET /system/runtimes</c>.</summary>
public sealed record RuntimeStatus(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("available")] bool Available,
    [property: JsonPropertyName("reason")] string? Reason);
