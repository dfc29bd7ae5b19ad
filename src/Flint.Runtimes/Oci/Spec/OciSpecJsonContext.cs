using System.Text.Json.Serialization;

namespace Flint.Runtimes.Oci.Spec;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OciRuntimeSpec))]
internal sealed partial class OciSpecJsonContext : JsonSerializerContext;
