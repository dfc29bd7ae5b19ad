using System.Text.Json.Serialization;

namespace Flint.Images.Oci;

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(OciIndex))]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(OciImageConfig))]
[JsonSerializable(typeof(OciLayoutFile))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
