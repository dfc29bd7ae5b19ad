using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>
/// futex(2): WAIT, WAKE, their BITSET forms, REQUEUE and CMP_REQUEUE, private or not (one process either way),
/// relative timeouts for WAIT and absolute ones (CLOCK_MONOTONIC, or CLOCK_REALTIME with the flag) for WAIT_BITSET.
/// </summary>
internal static class FutexSyscalls
{
    public const int FUTEX_WAIT = 0;
    public const int FUTEX_WAKE = 1;
    public const int FUTEX_REQUEUE = 3;
    public const int FUTEX_CMP_REQUEUE = 4;
    public const int FUTEX_WAIT_BITSET = 9;
    public const int FUTEX_WAKE_BITSET = 10;
    public const int FUTEX_PRIVATE_FLAG = 128;
    public const int FUTEX_CLOCK_REALTIME = 256;
    private const int CommandMask = ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
    private const long NanosecondsPerSecond = 1_000_000_000;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(202, "futex", Futex, blocking: true);
    }

    private static long Futex(GuestProcess process, in SyscallArgs a)
    {
        var address = a.A0;
        var operation = (int)a.A1;
        var command = operation & CommandMask;

        // As Linux: an unknown command, or the realtime clock asked of a command other than WAIT_BITSET, is
        // refused before the address is looked at.
        if (command is not (FUTEX_WAIT or FUTEX_WAKE or FUTEX_REQUEUE or FUTEX_CMP_REQUEUE or FUTEX_WAIT_BITSET or FUTEX_WAKE_BITSET)
            || ((operation & FUTEX_CLOCK_REALTIME) != 0 && command != FUTEX_WAIT_BITSET))
        {
            return -Errno.ENOSYS;
        }

        if ((address & 3) != 0)
        {
            return -Errno.EINVAL;
        }

        // As Linux: an address past user space faults for every futex; a shared one must also be mapped.
        var privateFutex = (operation & FUTEX_PRIVATE_FLAG) != 0;
        if (!process.AddressSpace.IsBelowUserEnd(new GuestAddress(address), sizeof(uint))
            || (!privateFutex && !process.Memory.TryRead(new GuestAddress(address), GuestAccess.UserRead, out uint _)))
        {
            return -Errno.EFAULT;
        }

        switch (command)
        {
            case FUTEX_WAIT:
            case FUTEX_WAIT_BITSET:
                var bitset = command == FUTEX_WAIT ? uint.MaxValue : (uint)a.A5;
                if (bitset == 0)
                {
                    return -Errno.EINVAL;
                }

                var timeout = Timeout(process, a.A3, absolute: command == FUTEX_WAIT_BITSET, realtime: (operation & FUTEX_CLOCK_REALTIME) != 0);
                if (timeout.Error != 0)
                {
                    return timeout.Error;
                }

                return process.Futexes.Wait(process.Memory, address, (uint)a.A2, bitset, timeout.Wait, process.Stopping);
            case FUTEX_WAKE:
            case FUTEX_WAKE_BITSET:
                var mask = command == FUTEX_WAKE ? uint.MaxValue : (uint)a.A5;
                return mask == 0 ? -Errno.EINVAL : process.Futexes.Wake(address, Count(a.A2), mask);
            case FUTEX_REQUEUE:
            case FUTEX_CMP_REQUEUE:
                if ((a.A4 & 3) != 0 || (long)a.A2 < 0 || (long)a.A3 < 0)
                {
                    return -Errno.EINVAL;
                }

                return process.Futexes.Requeue(process.Memory, address, Count(a.A2), Count(a.A3), a.A4, command == FUTEX_CMP_REQUEUE ? (uint)a.A5 : null);
            default:
                return -Errno.ENOSYS;
        }
    }

    private static int Count(ulong value) => (int)Math.Min(value & 0xFFFF_FFFF, int.MaxValue);

    /// <summary>The wait the timespec at <paramref name="address"/> means: null for none (address 0), or how long from now.</summary>
    private static (TimeSpan? Wait, long Error) Timeout(GuestProcess process, ulong address, bool absolute, bool realtime)
    {
        if (address == 0)
        {
            return (null, 0);
        }

        if (!process.Memory.TryRead(new GuestAddress(address), GuestAccess.UserRead, out Timespec spec))
        {
            return (null, -Errno.EFAULT);
        }

        if (spec.Seconds < 0 || spec.Nanoseconds is < 0 or >= NanosecondsPerSecond)
        {
            return (null, -Errno.EINVAL);
        }

        var nanoseconds = (Int128)spec.Seconds * NanosecondsPerSecond + spec.Nanoseconds;
        if (absolute)
        {
            var now = TimeSyscalls.Now(process, realtime ? TimeSyscalls.CLOCK_REALTIME : TimeSyscalls.CLOCK_MONOTONIC);
            nanoseconds -= (Int128)now.Seconds * NanosecondsPerSecond + now.Nanoseconds;
        }

        var ticks = nanoseconds <= 0 ? 0 : (long)Int128.Min(nanoseconds / 100, TimeSpan.FromDays(1).Ticks);
        return (TimeSpan.FromTicks(ticks), 0);
    }
}
