using Flint.Interop.Libc;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>
/// statfs/fstatfs: x86-64 <c>struct statfs</c> (120 bytes). The image reports overlayfs, /proc procfs, /sys sysfs,
/// /sys/fs/cgroup cgroup2 (runtimes detect cgroup v2 by this magic), /dev tmpfs; all read-only.
/// </summary>
internal static class FileSystemStats
{
    public const int Size = 120;
    private const long ReadOnlyValid = 0x21;  // ST_VALID | ST_RDONLY

    public static long Magic(FsNode node) => node.GuestPath switch
    {
        var p when p.StartsWith("/proc", StringComparison.Ordinal) => 0x9FA0,
        var p when p.StartsWith("/sys/fs/cgroup", StringComparison.Ordinal) => 0x6367_7270,
        var p when p.StartsWith("/sys", StringComparison.Ordinal) => 0x6265_6572,
        var p when p.StartsWith("/dev", StringComparison.Ordinal) => 0x0102_1994,
        _ => 0x794C_7630,
    };

    public static long Write(GuestProcess process, FsNode node, ulong address)
    {
        Span<long> fields = stackalloc long[Size / 8];
        fields.Clear();
        fields[0] = Magic(node);
        fields[1] = 4096;                 // f_bsize
        if (!node.IsSynthetic)
        {
            fields[2] = (long)(GuestMemoryUsage.Total(process) / 4096);  // f_blocks: nominal
        }

        fields[8] = 255;                  // f_namelen
        fields[9] = 4096;                 // f_frsize
        fields[10] = ReadOnlyValid;       // f_flags
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(fields);
        return process.Memory.TryWrite(new GuestAddress(address), GuestAccess.UserWrite, bytes) ? 0 : -Errno.EFAULT;
    }
}
