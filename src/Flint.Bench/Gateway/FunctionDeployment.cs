using System.Text.Json.Serialization;

namespace Flint.Bench.Gateway;

/// <summary>The body of <c>POST /system/functions</c> for a benchmark function.</summary>
public sealed record FunctionDeployment(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("runtime")] string Runtime,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("maxConcurrency")] int MaxConcurrency,
    [property: JsonPropertyName("maxInstances")] int MaxInstances,
    [property: JsonPropertyName("timeout")] string Timeout)
{
    public const string SingleUse = "single-use";
    public const string KeepWarm = "keep-warm";
}
