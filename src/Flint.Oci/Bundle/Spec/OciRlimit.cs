namespace Flint.Oci.Bundle.Spec;

/// <summary>One entry of <c>process.rlimits</c>.</summary>
internal sealed record OciRlimit
{
    public string? Type { get; init; }

    public ulong Hard { get; init; }

    public ulong Soft { get; init; }
}
