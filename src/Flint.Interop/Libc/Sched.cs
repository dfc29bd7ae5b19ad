using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary>&lt;sched.h&gt;: joining and creating namespaces. Both act on the calling thread only.</summary>
internal static partial class Sched
{
    public const int CLONE_NEWNET = 0x40000000;

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int setns(int fd, int nstype);

    [LibraryImport("libc", EntryPoint = "unshare", SetLastError = true)]
    public static partial int unshare(int flags);
}
