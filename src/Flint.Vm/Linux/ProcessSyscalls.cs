using Flint.Interop.Libc;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>Per-thread CPU state and scheduling: arch_prctl (FS base), sched_yield.</summary>
internal static class ProcessSyscalls
{
    public const ulong ARCH_SET_GS = 0x1001;
    public const ulong ARCH_SET_FS = 0x1002;
    public const ulong ARCH_GET_FS = 0x1003;
    public const ulong ARCH_GET_GS = 0x1004;
    private const ulong CanonicalLimit = 0x0000_8000_0000_0000;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(24, "sched_yield", SchedYield, blocking: true);
        table.Register(158, "arch_prctl", ArchPrctl);
    }

    /// <summary>Runs outside the execution lock: the other guest threads get their turn.</summary>
    private static long SchedYield(GuestProcess process, in SyscallArgs a)
    {
        System.Threading.Thread.Yield();
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
}
