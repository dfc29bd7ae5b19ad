using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary>&lt;sys/stat.h&gt;</summary>
internal static partial class Stat
{
    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkfifo(string pathname, uint mode);
}
