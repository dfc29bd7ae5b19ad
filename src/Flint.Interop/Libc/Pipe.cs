using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary><c>pipe2(2)</c>.</summary>
internal static unsafe partial class Pipe
{
    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);
}
