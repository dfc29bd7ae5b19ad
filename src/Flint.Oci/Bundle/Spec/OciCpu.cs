namespace Flint.Oci.Bundle.Spec;

/// <summary><c>linux.resources.cpu</c>: a CFS quota per period, in microseconds.</summary>
internal sealed record OciCpu
{
    public long? Quota { get; init; }

    public ulong? Period { get; init; }
}
