using Flint.Runtimes.Oci.Spec;

namespace Flint.Runtimes.Oci.Security;

/// <summary>
/// A rule of <c>DefaultSeccompProfile.json</c>: an OCI seccomp rule that applies only when the
/// instance holds <see cref="WhenCapability"/>, or only when it lacks <see cref="UnlessCapability"/>.
/// </summary>
internal sealed record SeccompProfileRule(
    IReadOnlyList<string> Names,
    string Action,
    int? ErrnoRet = null,
    IReadOnlyList<OciSyscallArg>? Args = null,
    string? WhenCapability = null,
    string? UnlessCapability = null)
{
    public bool AppliesTo(IReadOnlySet<string> capabilities) =>
        (WhenCapability is null || capabilities.Contains(WhenCapability))
        && (UnlessCapability is null || !capabilities.Contains(UnlessCapability));
}
