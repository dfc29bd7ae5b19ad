using Flint.Interop.Libc;
using Flint.Vm.Linux.FileSystem;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>CPU placement: sched_getaffinity/sched_setaffinity over the VM's <see cref="VirtualCpus"/>, getcpu.</summary>
internal static class SchedulerSyscalls
{
    /// <summary>The kernel's cpumask size in bytes: whole longs covering every CPU.</summary>
    public const int MaskBytes = ((VirtualCpus.Count + 63) / 64) * 8;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(203, "sched_setaffinity", SetAffinity);
        table.Register(204, "sched_getaffinity", GetAffinity);
        table.Register(309, "getcpu", Getcpu);
    }

    private static long GetAffinity(GuestProcess process, in SyscallArgs a)
    {
        if (!IsOwnThread(process, a.A0))
        {
            return -Errno.ESRCH;
        }

        if (a.A1 * 8 < VirtualCpus.Count || (a.A1 & 7) != 0)
        {
            return -Errno.EINVAL;
        }

        Span<byte> mask = stackalloc byte[MaskBytes];
        mask.Clear();
        for (var cpu = 0; cpu < VirtualCpus.Count; cpu++)
        {
            mask[cpu / 8] |= (byte)(1 << (cpu % 8));
        }

        return process.Memory.TryWrite(new GuestAddress(a.A2), GuestAccess.UserWrite, mask) ? MaskBytes : -Errno.EFAULT;
    }

    private static long SetAffinity(GuestProcess process, in SyscallArgs a)
    {
        if (!IsOwnThread(process, a.A0))
        {
            return -Errno.ESRCH;
        }

        var length = Math.Min(a.A1, MaskBytes);
        if (!process.Memory.TryGetSpan(new GuestAddress(a.A2), length, GuestAccess.UserRead, out var mask))
        {
            return -Errno.EFAULT;
        }

        for (var cpu = 0; cpu < VirtualCpus.Count && cpu / 8 < mask.Length; cpu++)
        {
            if ((mask[cpu / 8] & (1 << (cpu % 8))) != 0)
            {
                return 0;
            }
        }

        return -Errno.EINVAL;  // no online CPU in the mask
    }

    private static long Getcpu(GuestProcess process, in SyscallArgs a)
    {
        if (a.A0 != 0 && !process.Memory.TryWrite(new GuestAddress(a.A0), GuestAccess.UserWrite, 0u))
        {
            return -Errno.EFAULT;
        }

        return a.A1 != 0 && !process.Memory.TryWrite(new GuestAddress(a.A1), GuestAccess.UserWrite, 0u) ? -Errno.EFAULT : 0;
    }

    /// <summary>Affinity takes a thread id: 0 (the caller) or any thread of the process.</summary>
    private static bool IsOwnThread(GuestProcess process, ulong tid) => tid == 0 || (tid <= int.MaxValue && process.Threads.Find((long)tid) is not null);
}
