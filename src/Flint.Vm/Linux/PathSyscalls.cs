using System.Text;
using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Files;
using Flint.Vm.Linux.FileSystem;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>Syscalls that take a path: open, stat, readlink, access, statfs, the current directory. The file system is read-only.</summary>
internal static class PathSyscalls
{
    private const int KnownOpenFlags = 0x3 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800 | 0x1000 | 0x2000 | 0x4000 | 0x8000
        | 0x1_0000 | 0x2_0000 | 0x4_0000 | 0x8_0000 | 0x10_0000 | 0x20_0000 | 0x40_0000;
    private const int R_OK = 4, W_OK = 2, X_OK = 1;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(2, "open", (GuestProcess p, in SyscallArgs a) => Open(p, unchecked((ulong)GuestPaths.AT_FDCWD), a.A0, a.A1));
        table.Register(4, "stat", (GuestProcess p, in SyscallArgs a) => Stat(p, unchecked((ulong)GuestPaths.AT_FDCWD), a.A0, a.A1, 0));
        table.Register(6, "lstat", (GuestProcess p, in SyscallArgs a) => Stat(p, unchecked((ulong)GuestPaths.AT_FDCWD), a.A0, a.A1, GuestPaths.AT_SYMLINK_NOFOLLOW));
        table.Register(21, "access", (GuestProcess p, in SyscallArgs a) => Access(p, unchecked((ulong)GuestPaths.AT_FDCWD), a.A0, a.A1, 0));
        table.Register(79, "getcwd", Getcwd);
        table.Register(80, "chdir", (GuestProcess p, in SyscallArgs a) => ChangeDirectory(p, GuestPaths.Resolve(p, unchecked((ulong)GuestPaths.AT_FDCWD), a.A0, true)));
        table.Register(81, "fchdir", Fchdir);
        table.Register(89, "readlink", (GuestProcess p, in SyscallArgs a) => Readlink(p, unchecked((ulong)GuestPaths.AT_FDCWD), a.A0, a.A1, a.A2));
        table.Register(137, "statfs", Statfs);
        table.Register(257, "openat", (GuestProcess p, in SyscallArgs a) => Open(p, a.A0, a.A1, a.A2));
        table.Register(262, "newfstatat", (GuestProcess p, in SyscallArgs a) => Stat(p, a.A0, a.A1, a.A2, a.A3));
        table.Register(267, "readlinkat", (GuestProcess p, in SyscallArgs a) => Readlink(p, a.A0, a.A1, a.A2, a.A3));
        table.Register(269, "faccessat", (GuestProcess p, in SyscallArgs a) => Access(p, a.A0, a.A1, a.A2, 0));
        table.Register(439, "faccessat2", (GuestProcess p, in SyscallArgs a) => Access(p, a.A0, a.A1, a.A2, a.A3));
    }

    private static long Open(GuestProcess process, ulong dirfd, ulong pathAddress, ulong flagsValue)
    {
        var flags = (int)flagsValue;
        if ((flags & ~KnownOpenFlags) != 0)
        {
            return -Errno.EINVAL;
        }

        var lookup = GuestPaths.Resolve(process, dirfd, pathAddress, followLast: (flags & FileFlags.O_NOFOLLOW) == 0);
        if (lookup.Node is not { } node)
        {
            return (flags & FileFlags.O_CREAT) != 0 && lookup.Error == -Errno.ENOENT ? -Errno.EROFS : lookup.Error;
        }

        var file = NodeOpener.Open(process.FileSystem, node, flags, process, out var error);
        return file is null ? error : process.Files.Install(file, (flags & FileFlags.O_CLOEXEC) != 0);
    }

    private static long Stat(GuestProcess process, ulong dirfd, ulong pathAddress, ulong statAddress, ulong flags)
    {
        if ((flags & ~(GuestPaths.AT_EMPTY_PATH | GuestPaths.AT_SYMLINK_NOFOLLOW | 0x800 | 0x6000)) != 0)
        {
            return -Errno.EINVAL;
        }

        var error = GuestPaths.ReadPath(process, pathAddress, out var path);
        if (error < 0)
        {
            return error;
        }

        if (path.Length == 0 && (flags & GuestPaths.AT_EMPTY_PATH) != 0 && (int)dirfd != GuestPaths.AT_FDCWD)
        {
            return process.Files.Get((ulong)(uint)(int)dirfd) is { } file ? IoSyscalls.WriteStat(process, file, statAddress) : -Errno.EBADF;
        }

        var lookup = GuestPaths.Resolve(process, dirfd, pathAddress, (flags & GuestPaths.AT_SYMLINK_NOFOLLOW) == 0, (flags & GuestPaths.AT_EMPTY_PATH) != 0);
        if (lookup.Node is not { } node)
        {
            return lookup.Error;
        }

        var stat = new LinuxStat { UserId = LinuxIdentity.UserId, GroupId = LinuxIdentity.GroupId };
        NodeStat.Describe(node, ref stat);
        return process.Memory.TryWrite(new GuestAddress(statAddress), GuestAccess.UserWrite, in stat) ? 0 : -Errno.EFAULT;
    }

    private static long Readlink(GuestProcess process, ulong dirfd, ulong pathAddress, ulong buffer, ulong size)
    {
        if ((long)size <= 0 || size > int.MaxValue)
        {
            return -Errno.EINVAL;
        }

        var lookup = GuestPaths.Resolve(process, dirfd, pathAddress, followLast: false);
        if (lookup.Node is not { } node)
        {
            return lookup.Error;
        }

        if (node.Kind != FsNodeKind.SymbolicLink)
        {
            return -Errno.EINVAL;
        }

        var target = Encoding.UTF8.GetBytes(VirtualFileSystem.LinkTarget(node, process));
        var length = (int)Math.Min((ulong)target.Length, size);
        return process.Memory.TryWrite(new GuestAddress(buffer), GuestAccess.UserWrite, target.AsSpan(0, length)) ? length : -Errno.EFAULT;
    }

    private static long Access(GuestProcess process, ulong dirfd, ulong pathAddress, ulong mode, ulong flags)
    {
        if ((mode & ~(ulong)(R_OK | W_OK | X_OK)) != 0 || (flags & ~(GuestPaths.AT_EMPTY_PATH | GuestPaths.AT_SYMLINK_NOFOLLOW | 0x200)) != 0)
        {
            return -Errno.EINVAL;
        }

        var lookup = GuestPaths.Resolve(process, dirfd, pathAddress, (flags & GuestPaths.AT_SYMLINK_NOFOLLOW) == 0, (flags & GuestPaths.AT_EMPTY_PATH) != 0);
        if (lookup.Node is not { } node)
        {
            return lookup.Error;
        }

        if ((mode & W_OK) != 0 && node.Kind != FsNodeKind.Device)
        {
            return node.IsSynthetic ? -Errno.EACCES : -Errno.EROFS;
        }

        // The guest runs as the owner of every file: the owner's bits decide, as for root only X_OK needs a bit.
        var owner = (node.Permissions >> 6) & 0x7;
        var anyExecute = (node.Permissions & 0x49) != 0;
        var denied = ((mode & R_OK) != 0 && (owner & R_OK) == 0 && LinuxIdentity.UserId != 0)
            || ((mode & X_OK) != 0 && (LinuxIdentity.UserId == 0 ? !anyExecute : (owner & X_OK) == 0));
        return denied ? -Errno.EACCES : 0;
    }

    private static long Getcwd(GuestProcess process, in SyscallArgs a)
    {
        var path = Encoding.UTF8.GetBytes(process.FileSystem.WorkingDirectory + "\0");
        if ((ulong)path.Length > a.A1)
        {
            return -Errno.ERANGE;
        }

        return process.Memory.TryWrite(new GuestAddress(a.A0), GuestAccess.UserWrite, path) ? path.Length : -Errno.EFAULT;
    }

    private static long Fchdir(GuestProcess process, in SyscallArgs a) => process.Files.Get(a.A0) switch
    {
        null => -Errno.EBADF,
        INodeFile named => ChangeDirectory(process, FsLookup.Found(named.Node)),
        _ => -Errno.ENOTDIR,
    };

    private static long ChangeDirectory(GuestProcess process, FsLookup lookup)
    {
        if (lookup.Node is not { } node)
        {
            return lookup.Error;
        }

        if (node.Kind != FsNodeKind.Directory)
        {
            return -Errno.ENOTDIR;
        }

        process.FileSystem.WorkingDirectory = node.GuestPath;
        return 0;
    }

    private static long Statfs(GuestProcess process, in SyscallArgs a)
    {
        var lookup = GuestPaths.Resolve(process, unchecked((ulong)GuestPaths.AT_FDCWD), a.A0, followLast: true);
        return lookup.Node is { } node ? FileSystemStats.Write(process, node, a.A1) : lookup.Error;
    }
}
