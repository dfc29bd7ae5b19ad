using System.Diagnostics;
using Flint.Interop.Libc;

namespace Flint.Vm.Linux;

/// <summary>
/// The one table from syscall numbers to handlers. Each area registers its own syscalls; registering a number
/// twice is refused. Unknown numbers return -ENOSYS and are counted in the process's report, whose size the
/// table's fixed range bounds.
/// </summary>
internal sealed class SyscallTable
{
    public const int MaxNumber = 512;
    private readonly SyscallEntry?[] _entries = new SyscallEntry?[MaxNumber];

    public static SyscallTable CreateDefault()
    {
        var table = new SyscallTable();
        IoSyscalls.Register(table);
        PathSyscalls.Register(table);
        StatxSyscalls.Register(table);
        DescriptorSyscalls.Register(table);
        SchedulerSyscalls.Register(table);
        MemoryPolicySyscalls.Register(table);
        ProcessInfoSyscalls.Register(table);
        MemorySyscalls.Register(table);
        IdentitySyscalls.Register(table);
        TimeSyscalls.Register(table);
        RandomSyscalls.Register(table);
        SignalSyscalls.Register(table);
        ProcessSyscalls.Register(table);
        ThreadSyscalls.Register(table);
        FutexSyscalls.Register(table);
        Net.SocketSyscalls.Register(table);
        Events.EpollSyscalls.Register(table);
        Events.PipeSyscalls.Register(table);
        Events.PollSyscalls.Register(table);
        Events.InotifySyscalls.Register(table);
        return table;
    }

    public void Register(int number, string name, SyscallHandler handler, bool blocking = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(number, MaxNumber);
        if (_entries[number] is { } existing)
        {
            throw new InvalidOperationException($"syscall {number} is already registered as {existing.Name}");
        }

        _entries[number] = new SyscallEntry(number, name, handler, blocking);
    }

    public SyscallEntry? Find(ulong number) => number < MaxNumber ? _entries[number] : null;

    public string NameOf(ulong number) => Find(number)?.Name ?? $"syscall_{number}";

    public long Dispatch(GuestProcess process, in SyscallArgs args)
    {
        var started = Stopwatch.GetTimestamp();
        var entry = Find(args.Number);
        var result = entry is null ? -Errno.ENOSYS : entry.Blocking ? RunUnlocked(process, entry, in args) : entry.Handler(process, in args);
        lock (process.Report)
        {
            process.Report.Record(args.Number, entry?.Name, result, Stopwatch.GetElapsedTime(started));
            process.Tracer?.Trace(NameOf(args.Number), in args, result);
        }

        return result;
    }

    /// <summary>Runs a blocking handler with the execution lock released, so the other guest threads go on meanwhile.</summary>
    private static long RunUnlocked(GuestProcess process, SyscallEntry entry, in SyscallArgs args)
    {
        using (process.LetOthersRun())
        {
            return entry.Handler(process, in args);
        }
    }
}
