using Flint.Interop.Libc;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>
/// Memory hints that need no mechanism in a VM whose memory is all resident on one node: membarrier, mlock and
/// friends (ranges validated), get_mempolicy/set_mempolicy (MPOL_DEFAULT, one node). membarrier returns at once: with
/// one vCPU the trap itself orders memory; making every running vCPU pass a barrier belongs with guest threads.
/// </summary>
internal static class MemoryPolicySyscalls
{
    public const int MEMBARRIER_CMD_QUERY = 0;
    public const int MEMBARRIER_CMD_GLOBAL = 1;
    public const int MEMBARRIER_CMD_GLOBAL_EXPEDITED = 2;
    public const int MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED = 4;
    public const int MEMBARRIER_CMD_PRIVATE_EXPEDITED = 8;
    public const int MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED = 16;
    public const int MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE = 32;
    public const int MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE = 64;
    public const int SupportedMembarrier = 0x7F;
    private const ulong MCL_CURRENT = 1, MCL_FUTURE = 2, MCL_ONFAULT = 4;
    private const ulong MPOL_F_NODE = 1, MPOL_F_ADDR = 2, MPOL_F_MEMS_ALLOWED = 4;
    private const ulong MPOL_MAX = 7;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(149, "mlock", (GuestProcess p, in SyscallArgs a) => Lock(p, a.A0, a.A1));
        table.Register(150, "munlock", (GuestProcess p, in SyscallArgs a) => Lock(p, a.A0, a.A1));
        table.Register(151, "mlockall", (GuestProcess _, in SyscallArgs a) =>
            a.A0 == 0 || (a.A0 & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) != 0 || a.A0 == MCL_ONFAULT ? -Errno.EINVAL : 0);
        table.Register(152, "munlockall", (GuestProcess _, in SyscallArgs _) => 0);
        table.Register(238, "set_mempolicy", SetMempolicy);
        table.Register(239, "get_mempolicy", GetMempolicy);
        table.Register(324, "membarrier", Membarrier);
        table.Register(325, "mlock2", (GuestProcess p, in SyscallArgs a) => (a.A2 & ~1UL) != 0 ? -Errno.EINVAL : Lock(p, a.A0, a.A1));
    }

    private static long Lock(GuestProcess process, ulong address, ulong length)
    {
        var start = address & ~(Layout.PageSize - 1);
        var end = AddressSpace.AlignUp(address + length);
        if (address + length < address || end < start)
        {
            return -Errno.EINVAL;
        }

        return end == start || (process.AddressSpace.IsInUserSpace(new GuestAddress(start), end - start)
            && process.AddressSpace.IsFullyMapped(new GuestAddress(start), end - start)) ? 0 : -Errno.ENOMEM;
    }

    private static long Membarrier(GuestProcess process, in SyscallArgs a)
    {
        if (a.A1 != 0)
        {
            return -Errno.EINVAL;
        }

        var command = (int)a.A0;
        switch (command)
        {
            case MEMBARRIER_CMD_QUERY:
                return SupportedMembarrier;
            case MEMBARRIER_CMD_GLOBAL or MEMBARRIER_CMD_GLOBAL_EXPEDITED:
                return 0;
            case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED or MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED
                or MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
                process.MembarrierRegistrations |= command;
                return 0;
            case MEMBARRIER_CMD_PRIVATE_EXPEDITED or MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE:
                return (process.MembarrierRegistrations & (command << 1)) != 0 ? 0 : -Errno.EPERM;
            default:
                return -Errno.EINVAL;
        }
    }

    private static long GetMempolicy(GuestProcess process, in SyscallArgs a)
    {
        ulong modeAddress = a.A0, maskAddress = a.A1, maxNode = a.A2, flags = a.A4;
        if ((flags & ~(MPOL_F_NODE | MPOL_F_ADDR | MPOL_F_MEMS_ALLOWED)) != 0
            || ((flags & MPOL_F_MEMS_ALLOWED) != 0 && (flags & (MPOL_F_NODE | MPOL_F_ADDR)) != 0))
        {
            return -Errno.EINVAL;
        }

        if (maskAddress != 0 && maxNode < 1)
        {
            return -Errno.EINVAL;
        }

        if (modeAddress != 0 && (flags & MPOL_F_MEMS_ALLOWED) == 0
            && !process.Memory.TryWrite(new GuestAddress(modeAddress), GuestAccess.UserWrite, 0))  // MPOL_DEFAULT, or node 0
        {
            return -Errno.EFAULT;
        }

        if (maskAddress == 0)
        {
            return 0;
        }

        // As Linux: the mask is maxnode - 1 bits in whole longs, at most a page of them.
        var bits = maxNode - 1;
        if (bits > Layout.PageSize * 8)
        {
            return -Errno.EINVAL;
        }

        var mask = new byte[(int)((bits + 63) / 64 * 8)];
        if (mask.Length > 0 && (flags & MPOL_F_MEMS_ALLOWED) != 0)
        {
            mask[0] = 1;
        }

        return process.Memory.TryWrite(new GuestAddress(maskAddress), GuestAccess.UserWrite, mask) ? 0 : -Errno.EFAULT;
    }

    private static long SetMempolicy(GuestProcess process, in SyscallArgs a)
    {
        var mode = a.A0 & 0xFFFF;  // the high bits are MPOL_F_STATIC_NODES / MPOL_F_RELATIVE_NODES
        return mode >= MPOL_MAX ? -Errno.EINVAL : 0;
    }
}
