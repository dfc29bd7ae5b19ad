using System.Text.Json.Serialization;

namespace Flint.Oci.State;

/// <summary>The state of a container as the OCI runtime spec's <c>state</c> operation returns it (runc's fields).</summary>
internal sealed record OciState(
    [property: JsonPropertyName("ociVersion")] string OciVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("bundle")] string Bundle,
    [property: JsonPropertyName("rootfs")] string Rootfs,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string> Annotations);
