using System.Globalization;

namespace Flint.Oci.State;

/// <summary>A container's monitor process seen through /proc: alive (not a zombie), and the same process that was started.</summary>
internal static class MonitorProcess
{
    /// <summary>The start time of <paramref name="pid"/> (field 22 of /proc/pid/stat), or null when it does not exist or has exited.</summary>
    public static ulong? StartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so fields count from the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 20 || fields[0] is "Z" or "X" or "x")
        {
            return null;
        }

        return ulong.TryParse(fields[19], CultureInfo.InvariantCulture, out var start) ? start : null;
    }

    public static bool IsAlive(ContainerRecord record) =>
        record.Pid > 0 && StartTime(record.Pid) is { } start && start == record.PidStartTime;
}
