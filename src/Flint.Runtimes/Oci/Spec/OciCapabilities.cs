namespace Flint.Runtimes.Oci.Spec;

/// <summary>
/// Capability sets; written even when empty, because a missing <c>capabilities</c> object leaves the
/// container with the runtime's own (root's) capabilities.
/// </summary>
internal sealed record OciCapabilities(
    IReadOnlyList<string> Bounding,
    IReadOnlyList<string> Effective,
    IReadOnlyList<string> Permitted,
    IReadOnlyList<string> Ambient)
{
    public static OciCapabilities None { get; } = new([], [], [], []);
}
