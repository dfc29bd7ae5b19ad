namespace Flint.Oci.Bundle.Spec;

/// <summary><c>linux</c>: namespaces, resources and the cgroup path.</summary>
internal sealed record OciLinux
{
    public IReadOnlyList<OciNamespace>? Namespaces { get; init; }

    public OciResources? Resources { get; init; }

    public string? CgroupsPath { get; init; }
}
