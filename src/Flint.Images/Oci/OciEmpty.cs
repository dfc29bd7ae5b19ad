namespace Flint.Images.Oci;

/// <summary>The empty JSON object the OCI config uses as a set member (<c>"8080/tcp": {}</c>).</summary>
public sealed record OciEmpty;
