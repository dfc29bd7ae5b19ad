namespace Flint.Oci.Bundle.Spec;

/// <summary><c>linux.resources.memory</c>.</summary>
internal sealed record OciMemory
{
    public long? Limit { get; init; }
}
