using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary>
/// &lt;sys/prctl.h&gt; and &lt;linux/seccomp.h&gt;: a thread's no-new-privs bit and its seccomp filter. Through
/// <c>prctl</c> a filter binds the calling thread and the threads it creates afterwards, never its
/// siblings (there is no <c>SECCOMP_FILTER_FLAG_TSYNC</c> on this path).
/// </summary>
internal static unsafe partial class Prctl
{
    public const int PR_SET_SECCOMP = 22;
    public const int PR_SET_NO_NEW_PRIVS = 38;
    public const int SECCOMP_MODE_FILTER = 2;
    public const uint SECCOMP_RET_ERRNO = 0x00050000;
    public const uint SECCOMP_RET_ALLOW = 0x7fff0000;
    public const uint AUDIT_ARCH_X86_64 = 0xc000003e;

    /// <summary><c>offsetof(struct seccomp_data, nr)</c> and <c>offsetof(struct seccomp_data, arch)</c>.</summary>
    public const uint SeccompDataNr = 0;
    public const uint SeccompDataArch = 4;

    public const ushort BPF_LD_W_ABS = 0x20;
    public const ushort BPF_JMP_JEQ_K = 0x15;
    public const ushort BPF_JMP_JGE_K = 0x35;
    public const ushort BPF_RET_K = 0x06;

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
