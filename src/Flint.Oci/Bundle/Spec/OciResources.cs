namespace Flint.Oci.Bundle.Spec;

/// <summary><c>linux.resources</c>: the limits flint-oci applies.</summary>
internal sealed record OciResources
{
    public OciMemory? Memory { get; init; }

    public OciCpu? Cpu { get; init; }

    public OciPids? Pids { get; init; }
}
