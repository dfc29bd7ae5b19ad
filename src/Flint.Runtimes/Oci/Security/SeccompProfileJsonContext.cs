using System.Text.Json.Serialization;

namespace Flint.Runtimes.Oci.Security;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SeccompProfileData))]
internal sealed partial class SeccompProfileJsonContext : JsonSerializerContext;
