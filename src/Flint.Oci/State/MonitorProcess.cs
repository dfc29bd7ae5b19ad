using Flint.Interop.Proc;

namespace Flint.Oci.State;

/// <summary>A container's monitor process seen through /proc: alive (not a zombie), and the same process that was started.</summary>
internal static class MonitorProcess
{
    /// <summary>The start time of <paramref name="pid"/>, or null when it does not exist or has exited.</summary>
    public static ulong? StartTime(int pid) => ProcStat.Read(pid) is { HasExited: false } stat ? stat.StartTime : null;

    public static bool IsAlive(ContainerRecord record) =>
        record.Pid > 0 && StartTime(record.Pid) is { } start && start == record.PidStartTime;
}
