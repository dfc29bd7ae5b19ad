using Flint.Interop.Libc;
using Flint.Vm.Linux.Files;
using Flint.Vm.Linux.FileSystem;

namespace Flint.Vm.Linux.Events;

/// <summary>inotify_init, inotify_init1, inotify_add_watch, inotify_rm_watch over the read-only file system (<see cref="InotifyFile"/>).</summary>
internal static class InotifySyscalls
{
    /// <summary>sizeof(struct inotify_event) without its name: the least a read buffer may hold.</summary>
    public const int EventHeaderSize = 16;
    private const ulong IN_ALL_EVENTS = 0xfff;
    private const ulong IN_ONLYDIR = 0x0100_0000;
    private const ulong IN_DONT_FOLLOW = 0x0200_0000;
    private const ulong IN_EXCL_UNLINK = 0x0400_0000;
    private const ulong IN_MASK_CREATE = 0x1000_0000;
    private const ulong IN_MASK_ADD = 0x2000_0000;
    private const ulong IN_ONESHOT = 0x8000_0000;
    private const ulong KnownMask = IN_ALL_EVENTS | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK | IN_MASK_CREATE | IN_MASK_ADD | IN_ONESHOT;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(253, "inotify_init", (GuestProcess p, in SyscallArgs a) => Init(p, 0));
        table.Register(254, "inotify_add_watch", AddWatch);
        table.Register(255, "inotify_rm_watch", RemoveWatch);
        table.Register(294, "inotify_init1", (GuestProcess p, in SyscallArgs a) => Init(p, a.A0));
    }

    private static long Init(GuestProcess process, ulong flags)
    {
        if ((flags & ~(ulong)(FileFlags.O_CLOEXEC | FileFlags.O_NONBLOCK)) != 0)
        {
            return -Errno.EINVAL;
        }

        var file = new InotifyFile { StatusFlags = FileFlags.O_RDONLY | ((int)flags & FileFlags.O_NONBLOCK) };
        return process.Files.Install(file, (flags & FileFlags.O_CLOEXEC) != 0);
    }

    private static long AddWatch(GuestProcess process, in SyscallArgs a)
    {
        if (process.Files.Get(a.A0) is not { } file)
        {
            return -Errno.EBADF;
        }

        var mask = a.A2;
        if (file is not InotifyFile inotify || (mask & IN_ALL_EVENTS) == 0 || (mask & ~KnownMask) != 0
            || (mask & (IN_MASK_CREATE | IN_MASK_ADD)) == (IN_MASK_CREATE | IN_MASK_ADD))
        {
            return -Errno.EINVAL;
        }

        var lookup = GuestPaths.Resolve(process, unchecked((ulong)GuestPaths.AT_FDCWD), a.A1, followLast: (mask & IN_DONT_FOLLOW) == 0);
        if (lookup.Node is not { } node)
        {
            return lookup.Error;
        }

        if ((mask & IN_ONLYDIR) != 0 && node.Kind != FsNodeKind.Directory)
        {
            return -Errno.ENOTDIR;
        }

        return inotify.Watch(node.Inode);
    }

    private static long RemoveWatch(GuestProcess process, in SyscallArgs a)
    {
        if (process.Files.Get(a.A0) is not { } file)
        {
            return -Errno.EBADF;
        }

        return file is InotifyFile inotify ? inotify.Unwatch((long)(int)a.A1) : -Errno.EINVAL;
    }
}
