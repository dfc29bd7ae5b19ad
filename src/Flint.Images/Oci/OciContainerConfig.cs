using System.Text.Json.Serialization;

namespace Flint.Images.Oci;

/// <summary>The execution parameters inside an image configuration.</summary>
public sealed record OciContainerConfig(
    [property: JsonPropertyName("Entrypoint")] IReadOnlyList<string> Entrypoint,
    [property: JsonPropertyName("Env")] IReadOnlyList<string> Env,
    [property: JsonPropertyName("ExposedPorts")] IReadOnlyDictionary<string, OciEmpty> ExposedPorts,
    [property: JsonPropertyName("WorkingDir")] string WorkingDir,
    [property: JsonPropertyName("User"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? User = null);
