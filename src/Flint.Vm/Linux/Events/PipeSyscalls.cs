using Flint.Interop.Libc;
using Flint.Vm.Linux.Files;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux.Events;

/// <summary>pipe/pipe2 (in-memory pipes) and eventfd/eventfd2.</summary>
internal static class PipeSyscalls
{
    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(22, "pipe", (GuestProcess p, in SyscallArgs a) => Pipe(p, a.A0, 0));
        table.Register(293, "pipe2", (GuestProcess p, in SyscallArgs a) => Pipe(p, a.A0, a.A1));
        table.Register(284, "eventfd", (GuestProcess p, in SyscallArgs a) => EventFd(p, a.A0, 0));
        table.Register(290, "eventfd2", (GuestProcess p, in SyscallArgs a) => EventFd(p, a.A0, a.A1));
    }

    private static long Pipe(GuestProcess process, ulong fds, ulong flags)
    {
        if ((flags & ~(ulong)(FileFlags.O_CLOEXEC | FileFlags.O_NONBLOCK)) != 0)
        {
            return -Errno.EINVAL;
        }

        if (!process.Memory.TryGetSpan(new GuestAddress(fds), 8, GuestAccess.UserWrite, out _))
        {
            return -Errno.EFAULT;
        }

        var nonBlocking = (int)flags & FileFlags.O_NONBLOCK;
        var closeOnExec = (flags & FileFlags.O_CLOEXEC) != 0;
        var buffer = new PipeBuffer(process.Readiness);
        var writer = new PipeEnd(buffer, isReader: false) { StatusFlags = FileFlags.O_WRONLY | nonBlocking };
        var read = process.Files.Install(new PipeEnd(buffer, isReader: true) { StatusFlags = FileFlags.O_RDONLY | nonBlocking }, closeOnExec);
        if (read < 0)
        {
            writer.Release();
            return read;
        }

        var write = process.Files.Install(writer, closeOnExec);
        if (write < 0)
        {
            process.Files.Close((ulong)read);
            return write;
        }

        process.Memory.TryWrite(new GuestAddress(fds), GuestAccess.UserWrite, (int)read);
        process.Memory.TryWrite(new GuestAddress(fds + 4), GuestAccess.UserWrite, (int)write);
        return 0;
    }

    private static long EventFd(GuestProcess process, ulong initial, ulong flags)
    {
        if ((flags & ~(ulong)(FileFlags.O_CLOEXEC | FileFlags.O_NONBLOCK | EventFdFile.EFD_SEMAPHORE)) != 0 || initial > uint.MaxValue)
        {
            return -Errno.EINVAL;
        }

        var file = new EventFdFile(process.Readiness, initial, (flags & EventFdFile.EFD_SEMAPHORE) != 0)
        {
            StatusFlags = FileFlags.O_RDWR | ((int)flags & FileFlags.O_NONBLOCK),
        };
        return process.Files.Install(file, (flags & FileFlags.O_CLOEXEC) != 0);
    }
}
