namespace Flint.Oci.Bundle.Spec;

/// <summary><c>root</c>: the root filesystem, relative to the bundle or absolute.</summary>
internal sealed record OciRoot
{
    public string? Path { get; init; }

    public bool Readonly { get; init; }
}
