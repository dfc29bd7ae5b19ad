using System.Text.Json.Serialization;

namespace Flint.Images.Oci;

/// <summary>The image configuration blob (architecture, entrypoint, environment, layer diff ids).</summary>
public sealed record OciImageConfig(
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("config")] OciContainerConfig Config,
    [property: JsonPropertyName("rootfs")] OciRootFs RootFs);
