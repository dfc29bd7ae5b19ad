using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>Who and where the process is: ids, uname, resource limits, thread bookkeeping of a single-threaded guest.</summary>
internal static class IdentitySyscalls
{
    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(39, "getpid", (GuestProcess _, in SyscallArgs _) => LinuxIdentity.ProcessId);
        table.Register(63, "uname", Uname);
        table.Register(97, "getrlimit", Getrlimit);
        table.Register(102, "getuid", (GuestProcess _, in SyscallArgs _) => LinuxIdentity.UserId);
        table.Register(104, "getgid", (GuestProcess _, in SyscallArgs _) => LinuxIdentity.GroupId);
        table.Register(107, "geteuid", (GuestProcess _, in SyscallArgs _) => LinuxIdentity.UserId);
        table.Register(108, "getegid", (GuestProcess _, in SyscallArgs _) => LinuxIdentity.GroupId);
        table.Register(110, "getppid", (GuestProcess _, in SyscallArgs _) => LinuxIdentity.ParentProcessId);
        table.Register(273, "set_robust_list", SetRobustList);
        table.Register(302, "prlimit64", Prlimit64);
        table.Register(334, "rseq", (GuestProcess _, in SyscallArgs _) => -Errno.ENOSYS);
    }

    private static long Uname(GuestProcess process, in SyscallArgs a)
    {
        var bytes = Utsname.Encode(LinuxIdentity.SystemName, LinuxIdentity.NodeName, LinuxIdentity.Release,
            LinuxIdentity.Version, LinuxIdentity.Machine, LinuxIdentity.DomainName);
        return process.Memory.TryWrite(new GuestAddress(a.A0), GuestAccess.UserWrite, bytes) ? 0 : -Errno.EFAULT;
    }

    private static long SetRobustList(GuestProcess process, in SyscallArgs a) => a.A1 == 24 ? 0 : -Errno.EINVAL;

    private static long Getrlimit(GuestProcess process, in SyscallArgs a) => Prlimit(process, 0, a.A0, 0, a.A1);

    private static long Prlimit64(GuestProcess process, in SyscallArgs a) => Prlimit(process, a.A0, a.A1, a.A2, a.A3);

    private static long Prlimit(GuestProcess process, ulong pid, ulong resource, ulong newLimit, ulong oldLimit)
    {
        if (pid != 0 && pid != LinuxIdentity.ProcessId)
        {
            return -Errno.ESRCH;
        }

        if (resource >= ResourceLimits.Count)
        {
            return -Errno.EINVAL;
        }

        Rlimit requested = default;
        if (newLimit != 0)
        {
            if (!process.Memory.TryRead(new GuestAddress(newLimit), GuestAccess.UserRead, out requested))
            {
                return -Errno.EFAULT;
            }

            if (requested.Current > requested.Maximum)
            {
                return -Errno.EINVAL;
            }

            if (requested.Maximum > process.Limits[(int)resource].Maximum)
            {
                return -Errno.EPERM;
            }
        }

        if (oldLimit != 0 && !process.Memory.TryWrite(new GuestAddress(oldLimit), GuestAccess.UserWrite, process.Limits[(int)resource]))
        {
            return -Errno.EFAULT;
        }

        if (newLimit != 0)
        {
            process.Limits[(int)resource] = requested;
        }

        return 0;
    }
}
