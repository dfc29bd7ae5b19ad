using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>
/// File descriptors and I/O: the three standard streams (stdin at end of file, stdout and stderr to the run's
/// streams), stat of them as pipes, terminal ioctls answered ENOTTY, and /proc/self/exe. No file system yet.
/// </summary>
internal static class IoSyscalls
{
    public const int MaxIoBytes = 0x7FFF_F000;
    public const int MaxIovecs = 1024;
    public const int MaxPath = 4096;
    private const ulong AtEmptyPath = 0x1000;
    private const ulong AtSymlinkNoFollow = 0x100;
    private const uint FifoMode = 0x1000 | 0x180;  // S_IFIFO | 0600

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(0, "read", Read);
        table.Register(1, "write", Write);
        table.Register(3, "close", Close);
        table.Register(5, "fstat", Fstat);
        table.Register(16, "ioctl", Ioctl);
        table.Register(20, "writev", Writev);
        table.Register(89, "readlink", Readlink);
        table.Register(257, "openat", Openat);
        table.Register(262, "newfstatat", Newfstatat);
        table.Register(267, "readlinkat", Readlinkat);
    }

    private static bool IsStandardStream(ulong fd) => fd <= 2;

    private static HostOutput? Output(GuestProcess process, ulong fd) => fd switch
    {
        1 => process.Stdout,
        2 => process.Stderr,
        _ => null,
    };

    private static long Read(GuestProcess process, in SyscallArgs a)
    {
        if (a.A0 != 0)
        {
            return -Errno.EBADF;
        }

        var length = Math.Min(a.A2, MaxIoBytes);
        return process.Memory.TryGetSpan(new GuestAddress(a.A1), length, GuestAccess.UserWrite, out _) ? 0 : -Errno.EFAULT;
    }

    private static long Write(GuestProcess process, in SyscallArgs a)
    {
        var output = Output(process, a.A0);
        if (output is null)
        {
            return -Errno.EBADF;
        }

        var length = Math.Min(a.A2, MaxIoBytes);
        if (!process.Memory.TryGetSpan(new GuestAddress(a.A1), length, GuestAccess.UserRead, out var data))
        {
            return -Errno.EFAULT;
        }

        return output.Write(data);
    }

    private static long Writev(GuestProcess process, in SyscallArgs a)
    {
        var output = Output(process, a.A0);
        if (output is null)
        {
            return -Errno.EBADF;
        }

        if (a.A2 > MaxIovecs)
        {
            return -Errno.EINVAL;
        }

        var count = (int)a.A2;
        var vectors = new Iovec[count];
        ulong total = 0;
        for (var i = 0; i < count; i++)
        {
            if (!process.Memory.TryRead(new GuestAddress(a.A1) + ((ulong)i * 16), GuestAccess.UserRead, out vectors[i])
                || a.A1 + ((ulong)i * 16) < a.A1)
            {
                return -Errno.EFAULT;
            }

            if (vectors[i].Length > MaxIoBytes || (total += vectors[i].Length) > MaxIoBytes)
            {
                return -Errno.EINVAL;
            }
        }

        long written = 0;
        foreach (var vector in vectors)
        {
            if (!process.Memory.TryGetSpan(new GuestAddress(vector.Base), vector.Length, GuestAccess.UserRead, out var data))
            {
                return written > 0 ? written : -Errno.EFAULT;
            }

            var result = output.Write(data);
            if (result < 0)
            {
                return written > 0 ? written : result;
            }

            written += result;
        }

        return written;
    }

    private static long Close(GuestProcess process, in SyscallArgs a) => IsStandardStream(a.A0) ? 0 : -Errno.EBADF;

    private static long Fstat(GuestProcess process, in SyscallArgs a)
        => IsStandardStream(a.A0) ? WriteStat(process, a.A1) : -Errno.EBADF;

    private static long Newfstatat(GuestProcess process, in SyscallArgs a)
    {
        if ((a.A3 & ~(AtEmptyPath | AtSymlinkNoFollow | 0x800 | 0x6000)) != 0)
        {
            return -Errno.EINVAL;
        }

        if (!process.Memory.TryReadCString(new GuestAddress(a.A1), MaxPath, GuestAccess.UserRead, out var path))
        {
            return -Errno.EFAULT;
        }

        if (path.Length == 0)
        {
            if ((a.A3 & AtEmptyPath) == 0)
            {
                return -Errno.ENOENT;
            }

            return IsStandardStream(a.A0) ? WriteStat(process, a.A2) : -Errno.EBADF;
        }

        return -Errno.ENOENT;
    }

    private static long WriteStat(GuestProcess process, ulong address)
    {
        var stat = new LinuxStat { Mode = FifoMode, LinkCount = 1, UserId = LinuxIdentity.UserId, GroupId = LinuxIdentity.GroupId, BlockSize = 4096 };
        return process.Memory.TryWrite(new GuestAddress(address), GuestAccess.UserWrite, in stat) ? 0 : -Errno.EFAULT;
    }

    private static long Ioctl(GuestProcess process, in SyscallArgs a) => IsStandardStream(a.A0) ? -Errno.ENOTTY : -Errno.EBADF;

    private static long Openat(GuestProcess process, in SyscallArgs a)
        => process.Memory.TryReadCString(new GuestAddress(a.A1), MaxPath, GuestAccess.UserRead, out _) ? -Errno.ENOENT : -Errno.EFAULT;

    private static long Readlink(GuestProcess process, in SyscallArgs a) => ReadlinkCore(process, a.A0, a.A1, a.A2);

    private static long Readlinkat(GuestProcess process, in SyscallArgs a) => ReadlinkCore(process, a.A1, a.A2, a.A3);

    private static long ReadlinkCore(GuestProcess process, ulong pathAddress, ulong buffer, ulong size)
    {
        if ((long)size <= 0 || size > int.MaxValue)
        {
            return -Errno.EINVAL;
        }

        if (!process.Memory.TryReadCString(new GuestAddress(pathAddress), MaxPath, GuestAccess.UserRead, out var path))
        {
            return -Errno.EFAULT;
        }

        if (path != "/proc/self/exe")
        {
            return -Errno.ENOENT;
        }

        var target = System.Text.Encoding.UTF8.GetBytes(process.ExecutablePath);
        var length = Math.Min((ulong)target.Length, size);
        return process.Memory.TryWrite(new GuestAddress(buffer), GuestAccess.UserWrite, target.AsSpan(0, (int)length)) ? (long)length : -Errno.EFAULT;
    }
}
