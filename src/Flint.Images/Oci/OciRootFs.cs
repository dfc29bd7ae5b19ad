using System.Text.Json.Serialization;

namespace Flint.Images.Oci;

public sealed record OciRootFs(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("diff_ids")] IReadOnlyList<string> DiffIds);
