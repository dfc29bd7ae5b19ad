namespace Flint.Oci.Bundle.Spec;

/// <summary><c>linux.resources.pids</c>.</summary>
internal sealed record OciPids
{
    public long? Limit { get; init; }
}
