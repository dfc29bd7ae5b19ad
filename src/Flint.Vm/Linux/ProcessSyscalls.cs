using Flint.Interop.Libc;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>Process lifetime and per-thread state: exit, exit_group, arch_prctl (FS base), futex of a single thread, sched_yield.</summary>
internal static class ProcessSyscalls
{
    public const ulong ARCH_SET_GS = 0x1001;
    public const ulong ARCH_SET_FS = 0x1002;
    public const ulong ARCH_GET_FS = 0x1003;
    public const ulong ARCH_GET_GS = 0x1004;
    public const ulong FUTEX_WAIT = 0;
    public const ulong FUTEX_WAKE = 1;
    private const ulong FutexCommandMask = 0x7F;  // without FUTEX_PRIVATE_FLAG (128) and FUTEX_CLOCK_REALTIME (256)
    private const ulong CanonicalLimit = 0x0000_8000_0000_0000;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(24, "sched_yield", (GuestProcess _, in SyscallArgs _) => 0);
        table.Register(60, "exit", Exit);
        table.Register(158, "arch_prctl", ArchPrctl);
        table.Register(202, "futex", Futex);
        table.Register(231, "exit_group", Exit);
    }

    private static long Exit(GuestProcess process, in SyscallArgs a)
    {
        process.Exit((int)a.A0);
        return 0;
    }

    private static long ArchPrctl(GuestProcess process, in SyscallArgs a)
    {
        switch (a.A0)
        {
            case ARCH_SET_FS:
                if (a.A1 >= CanonicalLimit)
                {
                    return -Errno.EPERM;
                }

                process.Cpu.FsBase = a.A1;
                return 0;
            case ARCH_GET_FS:
                return process.Memory.TryWrite(new GuestAddress(a.A1), GuestAccess.UserWrite, process.Cpu.FsBase) ? 0 : -Errno.EFAULT;
            default:
                return -Errno.EINVAL;
        }
    }

    private static long Futex(GuestProcess process, in SyscallArgs a)
    {
        if ((a.A0 & 3) != 0)
        {
            return -Errno.EINVAL;
        }

        switch (a.A1 & FutexCommandMask)
        {
            case FUTEX_WAKE:
                return 0;  // one thread: nobody waits
            case FUTEX_WAIT:
                if (!process.Memory.TryRead(new GuestAddress(a.A0), GuestAccess.UserRead, out uint value))
                {
                    return -Errno.EFAULT;
                }

                // With a single thread no one can wake the waiter: report a spurious wake-up, as futex allows.
                return value != (uint)a.A2 ? -Errno.EAGAIN : -Errno.EINTR;
            default:
                return -Errno.ENOSYS;
        }
    }
}
