using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary>&lt;unistd.h&gt;</summary>
internal static partial class Unistd
{
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int chown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "getpid")]
    public static partial int getpid();

    [LibraryImport("libc", EntryPoint = "gettid")]
    public static partial int gettid();

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint write(int fd, byte* buf, nuint count);
}
