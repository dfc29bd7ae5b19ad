using System.Text.Json.Serialization;

namespace Flint.Images.Oci;

/// <summary>The <c>oci-layout</c> marker file at the root of an image layout.</summary>
public sealed record OciLayoutFile([property: JsonPropertyName("imageLayoutVersion")] string ImageLayoutVersion);
