namespace Flint.Vm.Linux;

/// <summary>
/// Per-run counts of every syscall the guest made, the unknown ones, exceptions, and time spent in the monitor.
/// Its size is fixed whatever the guest does: one slot per number the syscall table can hold, and one shared slot
/// for every number past the table's end, so a guest calling ever-new numbers cannot grow the monitor.
/// </summary>
public sealed class SyscallReport
{
    /// <summary>The name under which calls to numbers at or past <see cref="SyscallTable.MaxNumber"/> are counted together.</summary>
    public static readonly string BeyondTableName = $"syscall_{SyscallTable.MaxNumber}+";

    private const int BeyondTableSlot = SyscallTable.MaxNumber;
    private readonly SyscallStatistics?[] _slots = new SyscallStatistics?[SyscallTable.MaxNumber + 1];
    private readonly int[] _unknownCalls = new int[SyscallTable.MaxNumber + 1];

    /// <summary>Statistics per syscall name; calls past the table's end appear once, as <see cref="BeyondTableName"/>.</summary>
    public IReadOnlyDictionary<string, SyscallStatistics> ByName
        => _slots.OfType<SyscallStatistics>().ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Syscall numbers inside the table with no handler (answered -ENOSYS) and how often each was made.</summary>
    public IReadOnlyDictionary<ulong, int> Unknown
        => Enumerable.Range(0, BeyondTableSlot).Where(n => _unknownCalls[n] > 0).ToDictionary(n => (ulong)n, n => _unknownCalls[n]);

    /// <summary>Calls to numbers at or past <see cref="SyscallTable.MaxNumber"/>, all answered -ENOSYS.</summary>
    public int UnknownBeyondTable => _unknownCalls[BeyondTableSlot];

    public int TotalCalls { get; private set; }

    public int Exceptions { get; private set; }

    /// <summary>Time spent emulating syscalls.</summary>
    public TimeSpan MonitorTime { get; private set; }

    /// <summary>Time spent inside KVM_RUN (guest code plus the exits themselves).</summary>
    public TimeSpan GuestTime { get; internal set; }

    /// <summary>Counts one call; <paramref name="name"/> is null for a number with no handler.</summary>
    internal void Record(ulong number, string? name, long result, TimeSpan elapsed)
    {
        var slot = number < SyscallTable.MaxNumber ? (int)number : BeyondTableSlot;
        if (name is null)
        {
            _unknownCalls[slot]++;
        }

        TotalCalls++;
        MonitorTime += elapsed;
        var isError = result is < 0 and >= -4095;
        _slots[slot] = _slots[slot] is { } s
            ? s with { Calls = s.Calls + 1, Errors = s.Errors + (isError ? 1 : 0), Time = s.Time + elapsed }
            : new SyscallStatistics(name ?? SlotName(slot), 1, isError ? 1 : 0, elapsed);
    }

    internal void RecordException() => Exceptions++;

    /// <summary>What the platform said about the last fault it turned into a signal itself (kept once, bounded).</summary>
    public string? LastFault { get; private set; }

    internal void RecordFault(string detail) => LastFault = detail.Length <= 200 ? detail : detail[..200];

    /// <summary>A strace -c style table.</summary>
    public void WriteSummary(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"{"calls",8} {"errors",8} {"usecs",10}  syscall");
        foreach (var s in _slots.OfType<SyscallStatistics>().OrderByDescending(s => s.Calls).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            writer.WriteLine($"{s.Calls,8} {s.Errors,8} {s.Time.TotalMicroseconds,10:F0}  {s.Name}");
        }

        writer.WriteLine($"{TotalCalls,8} total; {Exceptions} exceptions; monitor {MonitorTime.TotalMilliseconds:F3} ms, guest {GuestTime.TotalMilliseconds:F3} ms");
        if (LastFault is { } fault)
        {
            writer.WriteLine($"fault: {fault}");
        }
        foreach (var (number, count) in Unknown.OrderBy(u => u.Key))
        {
            writer.WriteLine($"unknown syscall {number}: {count} (ENOSYS)");
        }

        if (UnknownBeyondTable > 0)
        {
            writer.WriteLine($"unknown syscalls {SyscallTable.MaxNumber} and above: {UnknownBeyondTable} (ENOSYS)");
        }
    }

    private static string SlotName(int slot) => slot == BeyondTableSlot ? BeyondTableName : $"syscall_{slot}";
}
