namespace Flint.Runtimes.Oci.Spec;

/// <summary>The <c>linux.seccomp</c> object: the default action, its errno, and the rules that override it.</summary>
internal sealed record OciSeccomp(
    string DefaultAction,
    int DefaultErrnoRet,
    IReadOnlyList<string> Architectures,
    IReadOnlyList<OciSyscall> Syscalls);
