using System.Text.Json.Serialization;

namespace Flint.Images.Oci;

public sealed record OciIndex(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("manifests")] IReadOnlyList<OciDescriptor> Manifests);
