namespace Flint.Oci.Bundle.Spec;

/// <summary>One entry of <c>linux.namespaces</c>: a new namespace, or the one at <c>path</c> joined.</summary>
internal sealed record OciNamespace
{
    public string? Type { get; init; }

    public string? Path { get; init; }
}
