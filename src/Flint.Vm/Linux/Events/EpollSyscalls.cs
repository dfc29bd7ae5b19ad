using System.Runtime.InteropServices;
using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux.Events;

/// <summary>epoll_create/epoll_create1, epoll_ctl, epoll_wait/epoll_pwait/epoll_pwait2 over the guest's fds.</summary>
internal static class EpollSyscalls
{
    public const int EventSize = 12;
    public const int MaxEvents = int.MaxValue / EventSize;
    private const int EPOLL_CTL_ADD = 1;
    private const int EPOLL_CTL_DEL = 2;
    private const int EPOLL_CTL_MOD = 3;
    private const int EPOLL_CLOEXEC = 0x8_0000;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(213, "epoll_create", (GuestProcess p, in SyscallArgs a) => (long)a.A0 is <= 0 or > int.MaxValue ? -Errno.EINVAL : p.Files.Install(new EpollFile(), false));
        table.Register(291, "epoll_create1", (GuestProcess p, in SyscallArgs a) => (a.A0 & ~(ulong)EPOLL_CLOEXEC) != 0 ? -Errno.EINVAL : p.Files.Install(new EpollFile(), a.A0 != 0));
        table.Register(233, "epoll_ctl", Control);
        table.Register(232, "epoll_wait", (GuestProcess p, in SyscallArgs a) => Wait(p, a.A0, a.A1, a.A2, (int)a.A3));
        table.Register(281, "epoll_pwait", (GuestProcess p, in SyscallArgs a) => Wait(p, a.A0, a.A1, a.A2, (int)a.A3));
        table.Register(441, "epoll_pwait2", Pwait2);
    }

    private static long Control(GuestProcess process, in SyscallArgs a)
    {
        if (process.Files.Get(a.A0) is not { } epollFile || process.Files.Get(a.A2) is not { } target)
        {
            return -Errno.EBADF;
        }

        if (epollFile is not EpollFile epoll || ReferenceEquals(epoll, target) || a.A2 > int.MaxValue)
        {
            return -Errno.EINVAL;
        }

        var request = default(EpollEvent);
        if ((int)a.A1 is EPOLL_CTL_ADD or EPOLL_CTL_MOD && !process.Memory.TryRead(new GuestAddress(a.A3), GuestAccess.UserRead, out request))
        {
            return -Errno.EFAULT;
        }

        var result = (int)a.A1 switch
        {
            EPOLL_CTL_ADD => epoll.Add((int)a.A2, target, request),
            EPOLL_CTL_MOD => epoll.Modify((int)a.A2, target, request),
            EPOLL_CTL_DEL => epoll.Remove((int)a.A2, target),
            _ => -Errno.EINVAL,
        };
        if (result == 0 && (int)a.A1 != EPOLL_CTL_DEL)
        {
            process.Readiness.Pulse();  // a thread already waiting on this set looks again, now with the new interest
        }

        return result;
    }

    private static long Pwait2(GuestProcess process, in SyscallArgs a)
    {
        long timeout = -1;
        if (a.A3 != 0)
        {
            if (!process.Memory.TryRead(new GuestAddress(a.A3), GuestAccess.UserRead, out Timespec time))
            {
                return -Errno.EFAULT;
            }

            if (time.Seconds < 0 || time.Nanoseconds is < 0 or >= 1_000_000_000)
            {
                return -Errno.EINVAL;
            }

            timeout = (long)Math.Min((time.Seconds * 1000.0) + ((time.Nanoseconds + 999_999) / 1_000_000), int.MaxValue);
        }

        return Wait(process, a.A0, a.A1, a.A2, timeout);
    }

    private static long Wait(GuestProcess process, ulong epfd, ulong events, ulong maxEvents, long timeout)
    {
        if (process.Files.Get(epfd) is not { } file)
        {
            return -Errno.EBADF;
        }

        if (file is not EpollFile epoll || (long)maxEvents <= 0 || maxEvents > MaxEvents)
        {
            return -Errno.EINVAL;
        }

        // Checked before waiting: ready events are never consumed for a buffer the guest cannot receive.
        var count = (int)Math.Min(maxEvents, 1024);
        if (!process.Memory.TryGetSpan(new GuestAddress(events), (ulong)count * EventSize, GuestAccess.UserWrite, out var output))
        {
            return -Errno.EFAULT;
        }

        var ready = new EpollEvent[count];
        var found = ReadinessWait.Until(process, timeout < 0 ? -1 : timeout, watch => epoll.Collect(process, ready, watch));
        if (found <= 0)
        {
            return found;
        }

        MemoryMarshal.AsBytes(ready.AsSpan(0, (int)found)).CopyTo(output);
        return found;
    }
}
