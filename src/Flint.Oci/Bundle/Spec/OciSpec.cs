namespace Flint.Oci.Bundle.Spec;

/// <summary>The parts of a bundle's config.json (OCI runtime spec) that flint-oci reads; other fields are ignored.</summary>
internal sealed record OciSpec
{
    public string? OciVersion { get; init; }

    public OciProcess? Process { get; init; }

    public OciRoot? Root { get; init; }

    public string? Hostname { get; init; }

    public IReadOnlyList<OciMount>? Mounts { get; init; }

    public System.Text.Json.JsonElement? Hooks { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public OciLinux? Linux { get; init; }
}
