using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary>&lt;sys/ioctl.h&gt;: the request is an unsigned long, the argument a pointer or an integer.</summary>
internal static unsafe partial class Ioctl
{
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int ioctl(int fd, nuint request, nint arg);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int ioctl(int fd, nuint request, void* arg);
}
