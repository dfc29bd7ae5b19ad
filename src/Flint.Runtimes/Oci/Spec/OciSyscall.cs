namespace Flint.Runtimes.Oci.Spec;

/// <summary>One seccomp rule: the action for these syscalls, when every argument condition holds.</summary>
internal sealed record OciSyscall(
    IReadOnlyList<string> Names,
    string Action,
    int? ErrnoRet = null,
    IReadOnlyList<OciSyscallArg>? Args = null);
