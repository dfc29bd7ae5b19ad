using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Files;
using Flint.Vm.Linux.FileSystem;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>Syscalls on fds: positioned and vectored reads, lseek, getdents64, fstatfs, dup/dup2/dup3, fcntl.</summary>
internal static class DescriptorSyscalls
{
    public const int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030;
    private const int FD_CLOEXEC = 1;
    private const int SettableStatusFlags = FileFlags.O_APPEND | FileFlags.O_NONBLOCK | 0x2000 | 0x4000 | 0x4_0000;  // + O_ASYNC, O_DIRECT, O_NOATIME

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(8, "lseek", Lseek);
        table.Register(17, "pread64", Pread64);
        table.Register(19, "readv", (GuestProcess p, in SyscallArgs a) => ReadVector(p, a.A0, a.A1, a.A2, null));
        table.Register(32, "dup", (GuestProcess p, in SyscallArgs a) => p.Files.Duplicate(a.A0, 0, closeOnExec: false));
        table.Register(33, "dup2", (GuestProcess p, in SyscallArgs a) => p.Files.DuplicateTo(a.A0, a.A1, closeOnExec: false));
        table.Register(72, "fcntl", Fcntl);
        table.Register(138, "fstatfs", Fstatfs);
        table.Register(217, "getdents64", Getdents64);
        table.Register(292, "dup3", Dup3);
        table.Register(295, "preadv", (GuestProcess p, in SyscallArgs a) => (long)a.A3 < 0 ? -Errno.EINVAL : ReadVector(p, a.A0, a.A1, a.A2, (long)a.A3));
    }

    private static long Lseek(GuestProcess process, in SyscallArgs a)
        => process.Files.Get(a.A0) is { } file ? file.Seek((long)a.A1, (int)a.A2) : -Errno.EBADF;

    private static long Pread64(GuestProcess process, in SyscallArgs a)
    {
        if (process.Files.Get(a.A0) is not { } file)
        {
            return -Errno.EBADF;
        }

        if ((long)a.A3 < 0)
        {
            return -Errno.EINVAL;
        }

        var length = Math.Min(a.A2, IoSyscalls.MaxIoBytes);
        return process.Memory.TryGetSpan(new GuestAddress(a.A1), length, GuestAccess.UserWrite, out var buffer)
            ? file.ReadAt(process, buffer, (long)a.A3) : -Errno.EFAULT;
    }

    private static long ReadVector(GuestProcess process, ulong fd, ulong vectorsAddress, ulong count, long? offset)
    {
        if (process.Files.Get(fd) is not { } file)
        {
            return -Errno.EBADF;
        }

        if (count > IoSyscalls.MaxIovecs)
        {
            return -Errno.EINVAL;
        }

        var vectors = new Iovec[count];
        ulong total = 0;
        for (var i = 0; i < vectors.Length; i++)
        {
            if (!process.Memory.TryRead(new GuestAddress(vectorsAddress) + ((ulong)i * 16), GuestAccess.UserRead, out vectors[i]))
            {
                return -Errno.EFAULT;
            }

            if (vectors[i].Length > IoSyscalls.MaxIoBytes || (total += vectors[i].Length) > IoSyscalls.MaxIoBytes)
            {
                return -Errno.EINVAL;
            }
        }

        long done = 0;
        foreach (var vector in vectors)
        {
            if (!process.Memory.TryGetSpan(new GuestAddress(vector.Base), vector.Length, GuestAccess.UserWrite, out var buffer))
            {
                return done > 0 ? done : -Errno.EFAULT;
            }

            var result = offset is { } at ? file.ReadAt(process, buffer, at + done) : file.Read(process, buffer);
            if (result < 0)
            {
                return done > 0 ? done : result;
            }

            done += result;
            if ((ulong)result < vector.Length)
            {
                break;
            }
        }

        return done;
    }

    private static long Getdents64(GuestProcess process, in SyscallArgs a)
    {
        var file = process.Files.Get(a.A0);
        if (file is null || file is PathFile)
        {
            return -Errno.EBADF;
        }

        if (file is not DirectoryFile directory)
        {
            return -Errno.ENOTDIR;
        }

        var length = Math.Min(a.A2, IoSyscalls.MaxIoBytes);
        return process.Memory.TryGetSpan(new GuestAddress(a.A1), length, GuestAccess.UserWrite, out var buffer)
            ? directory.ReadEntries(buffer) : -Errno.EFAULT;
    }

    private static long Fstatfs(GuestProcess process, in SyscallArgs a) => process.Files.Get(a.A0) switch
    {
        null => -Errno.EBADF,
        INodeFile named => FileSystemStats.Write(process, named.Node, a.A1),
        _ => FileSystemStats.Write(process, new FsNode("/proc/pipe", FsNodeKind.Regular), a.A1),  // pipes and sockets: pseudo file systems
    };

    private static long Dup3(GuestProcess process, in SyscallArgs a)
    {
        if ((a.A2 & ~(ulong)FileFlags.O_CLOEXEC) != 0 || a.A0 == a.A1)
        {
            return -Errno.EINVAL;
        }

        return process.Files.DuplicateTo(a.A0, a.A1, (a.A2 & FileFlags.O_CLOEXEC) != 0);
    }

    private static long Fcntl(GuestProcess process, in SyscallArgs a)
    {
        if (process.Files.Get(a.A0) is not { } file)
        {
            return -Errno.EBADF;
        }

        switch ((int)a.A1)
        {
            case F_DUPFD or F_DUPFD_CLOEXEC:
                return (int)a.A2 < 0 || a.A2 > int.MaxValue ? -Errno.EINVAL : process.Files.Duplicate(a.A0, (int)a.A2, (int)a.A1 == F_DUPFD_CLOEXEC);
            case F_GETFD:
                return process.Files.IsCloseOnExec(a.A0) == true ? FD_CLOEXEC : 0;
            case F_SETFD:
                return process.Files.SetCloseOnExec(a.A0, (a.A2 & FD_CLOEXEC) != 0) ? 0 : -Errno.EBADF;
            case F_GETFL:
                return file.StatusFlags;
            case F_SETFL:
                if (file is PathFile)
                {
                    return -Errno.EBADF;
                }

                file.StatusFlags = (file.StatusFlags & ~SettableStatusFlags) | ((int)a.A2 & SettableStatusFlags);
                return 0;
            default:
                return -Errno.EINVAL;
        }
    }
}
