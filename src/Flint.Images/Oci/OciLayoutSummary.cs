namespace Flint.Images.Oci;

/// <summary>What was written: the manifest digest that names the image, and the layer's sizes.</summary>
public sealed record OciLayoutSummary(string ManifestDigest, string LayerDigest, long LayerCompressedBytes, long LayerUncompressedBytes);
