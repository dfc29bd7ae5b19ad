using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>Clocks: wall time from the run's <see cref="TimeProvider"/>, monotonic and CPU clocks from its timestamp.</summary>
internal static class TimeSyscalls
{
    public const ulong CLOCK_REALTIME = 0;
    public const ulong CLOCK_MONOTONIC = 1;
    public const ulong CLOCK_PROCESS_CPUTIME_ID = 2;
    public const ulong CLOCK_THREAD_CPUTIME_ID = 3;
    public const ulong CLOCK_MONOTONIC_RAW = 4;
    public const ulong CLOCK_REALTIME_COARSE = 5;
    public const ulong CLOCK_MONOTONIC_COARSE = 6;
    public const ulong CLOCK_BOOTTIME = 7;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(96, "gettimeofday", Gettimeofday);
        table.Register(201, "time", Time);
        table.Register(228, "clock_gettime", ClockGettime);
        table.Register(229, "clock_getres", ClockGetres);
    }

    public static Timespec Now(GuestProcess process, ulong clock)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (clock is CLOCK_REALTIME or CLOCK_REALTIME_COARSE)
        {
            var ticks = process.Time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            return new Timespec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
        }

        var timestamp = process.Time.GetTimestamp();
        timestamp -= clock is CLOCK_PROCESS_CPUTIME_ID or CLOCK_THREAD_CPUTIME_ID ? process.StartTimestamp : process.MonotonicOffset;

        var nanoseconds = (long)((Int128)timestamp * 1_000_000_000 / process.Time.TimestampFrequency);
        return new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
    }

    private static bool IsKnownClock(ulong clock) => clock <= CLOCK_BOOTTIME;

    private static long ClockGettime(GuestProcess process, in SyscallArgs a)
    {
        if (!IsKnownClock(a.A0))
        {
            return -Errno.EINVAL;
        }

        return process.Memory.TryWrite(new GuestAddress(a.A1), GuestAccess.UserWrite, Now(process, a.A0)) ? 0 : -Errno.EFAULT;
    }

    private static long ClockGetres(GuestProcess process, in SyscallArgs a)
    {
        if (!IsKnownClock(a.A0))
        {
            return -Errno.EINVAL;
        }

        var resolution = new Timespec { Nanoseconds = 1 };
        return a.A1 == 0 || process.Memory.TryWrite(new GuestAddress(a.A1), GuestAccess.UserWrite, resolution) ? 0 : -Errno.EFAULT;
    }

    private static long Gettimeofday(GuestProcess process, in SyscallArgs a)
    {
        if (a.A0 == 0)
        {
            return 0;
        }

        var now = Now(process, CLOCK_REALTIME);
        var value = new Timeval { Seconds = now.Seconds, Microseconds = now.Nanoseconds / 1000 };
        return process.Memory.TryWrite(new GuestAddress(a.A0), GuestAccess.UserWrite, value) ? 0 : -Errno.EFAULT;
    }

    private static long Time(GuestProcess process, in SyscallArgs a)
    {
        var seconds = Now(process, CLOCK_REALTIME).Seconds;
        return a.A0 == 0 || process.Memory.TryWrite(new GuestAddress(a.A0), GuestAccess.UserWrite, seconds) ? seconds : -Errno.EFAULT;
    }
}
