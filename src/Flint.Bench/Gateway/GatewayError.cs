using System.Text.Json.Serialization;

namespace Flint.Bench.Gateway;

/// <summary>The gateway's error body, <c>{"error":"..."}</c>.</summary>
public sealed record GatewayError([property: JsonPropertyName("error")] string? Error);
