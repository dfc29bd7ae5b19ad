namespace Flint.Vm.Linux;

/// <summary>Per-run counts of every syscall the guest made, the unknown ones, exceptions, and time spent in the monitor.</summary>
public sealed class SyscallReport
{
    private readonly Dictionary<string, SyscallStatistics> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, int> _unknown = [];

    public IReadOnlyDictionary<string, SyscallStatistics> ByName => _byName;

    /// <summary>Syscall numbers with no handler (answered -ENOSYS) and how often each was made.</summary>
    public IReadOnlyDictionary<ulong, int> Unknown => _unknown;

    public int TotalCalls { get; private set; }

    public int Exceptions { get; private set; }

    /// <summary>Time spent emulating syscalls.</summary>
    public TimeSpan MonitorTime { get; private set; }

    /// <summary>Time spent inside KVM_RUN (guest code plus the exits themselves).</summary>
    public TimeSpan GuestTime { get; internal set; }

    public void Record(string name, long result, TimeSpan elapsed)
    {
        TotalCalls++;
        MonitorTime += elapsed;
        var isError = result is < 0 and >= -4095;
        _byName[name] = _byName.TryGetValue(name, out var s)
            ? s with { Calls = s.Calls + 1, Errors = s.Errors + (isError ? 1 : 0), Time = s.Time + elapsed }
            : new SyscallStatistics(name, 1, isError ? 1 : 0, elapsed);
    }

    public void RecordUnknown(ulong number) => _unknown[number] = _unknown.GetValueOrDefault(number) + 1;

    public void RecordException() => Exceptions++;

    /// <summary>A strace -c style table.</summary>
    public void WriteSummary(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"{"calls",8} {"errors",8} {"usecs",10}  syscall");
        foreach (var s in _byName.Values.OrderByDescending(s => s.Calls).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            writer.WriteLine($"{s.Calls,8} {s.Errors,8} {s.Time.TotalMicroseconds,10:F0}  {s.Name}");
        }

        writer.WriteLine($"{TotalCalls,8} total; {Exceptions} exceptions; monitor {MonitorTime.TotalMilliseconds:F3} ms, guest {GuestTime.TotalMilliseconds:F3} ms");
        foreach (var (number, count) in _unknown.OrderBy(u => u.Key))
        {
            writer.WriteLine($"unknown syscall {number}: {count} (ENOSYS)");
        }
    }
}
