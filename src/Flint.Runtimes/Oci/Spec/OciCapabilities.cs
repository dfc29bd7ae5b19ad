namespace Flint.Runtimes.Oci.Spec;

/// <summary>
/// Capability sets; written even when empty, because a missing <c>capabilities</c> object leaves the
/// container with the runtime's own (root's) capabilities. A non-root user keeps a capability across
/// exec only through the inheritable and ambient sets, so a granted one is in every set.
/// </summary>
internal sealed record OciCapabilities(
    IReadOnlyList<string> Bounding,
    IReadOnlyList<string> Effective,
    IReadOnlyList<string> Inheritable,
    IReadOnlyList<string> Permitted,
    IReadOnlyList<string> Ambient)
{
    public static OciCapabilities None { get; } = Of([]);

    public static OciCapabilities Of(IReadOnlyList<string> granted) => new(granted, granted, granted, granted, granted);
}
