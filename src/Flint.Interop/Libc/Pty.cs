using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary>&lt;stdlib.h&gt;'s pseudo-terminal calls: a master and the path of its slave.</summary>
internal static unsafe partial class Pty
{
    public const int O_NOCTTY = 0x100;

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    public static partial int posix_openpt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    public static partial int grantpt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    public static partial int unlockpt(int fd);

    /// <summary>Returns an error number (not -1 and errno).</summary>
    [LibraryImport("libc", EntryPoint = "ptsname_r")]
    public static partial int ptsname_r(int fd, byte* buf, nuint buflen);
}
