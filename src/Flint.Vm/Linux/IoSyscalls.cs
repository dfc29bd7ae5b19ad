using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Files;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>
/// File descriptors and I/O through the process's <see cref="Files.FileTable"/>: read, write, writev, close, fstat,
/// ioctl, each dispatched to the open file description. Paths are in <see cref="PathSyscalls"/>.
/// </summary>
internal static class IoSyscalls
{
    public const int MaxIoBytes = 0x7FFF_F000;
    public const int MaxIovecs = 1024;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(0, "read", Read);
        table.Register(1, "write", Write);
        table.Register(3, "close", Close);
        table.Register(5, "fstat", Fstat);
        table.Register(16, "ioctl", Ioctl);
        table.Register(20, "writev", Writev);
    }

    private static long Read(GuestProcess process, in SyscallArgs a)
    {
        if (process.Files.Get(a.A0) is not { } file)
        {
            return -Errno.EBADF;
        }

        var length = Math.Min(a.A2, MaxIoBytes);
        return process.Memory.TryGetSpan(new GuestAddress(a.A1), length, GuestAccess.UserWrite, out var buffer) ? file.Read(process, buffer) : -Errno.EFAULT;
    }

    private static long Write(GuestProcess process, in SyscallArgs a)
    {
        if (process.Files.Get(a.A0) is not { } file)
        {
            return -Errno.EBADF;
        }

        var length = Math.Min(a.A2, MaxIoBytes);
        if (!process.Memory.TryGetSpan(new GuestAddress(a.A1), length, GuestAccess.UserRead, out var data))
        {
            return -Errno.EFAULT;
        }

        return file.Write(process, data);
    }

    private static long Writev(GuestProcess process, in SyscallArgs a)
    {
        if (process.Files.Get(a.A0) is not { } file)
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

            var result = file.Write(process, data);
            if (result < 0)
            {
                return written > 0 ? written : result;
            }

            written += result;
            if ((ulong)result < vector.Length)
            {
                break;
            }
        }

        return written;
    }

    private static long Close(GuestProcess process, in SyscallArgs a) => process.Files.Close(a.A0);

    private static long Fstat(GuestProcess process, in SyscallArgs a)
        => process.Files.Get(a.A0) is { } file ? WriteStat(process, file, a.A1) : -Errno.EBADF;

    /// <summary>fstat: what every description reports, completed by <see cref="OpenFile.Describe"/>.</summary>
    public static long WriteStat(GuestProcess process, OpenFile file, ulong address)
    {
        var stat = new LinuxStat { Mode = file.Mode, LinkCount = 1, UserId = LinuxIdentity.UserId, GroupId = LinuxIdentity.GroupId, BlockSize = 4096 };
        file.Describe(ref stat);
        return process.Memory.TryWrite(new GuestAddress(address), GuestAccess.UserWrite, in stat) ? 0 : -Errno.EFAULT;
    }

    private static long Ioctl(GuestProcess process, in SyscallArgs a)
        => process.Files.Get(a.A0) is { } file ? file.Ioctl(process, a.A1, a.A2) : -Errno.EBADF;
}
