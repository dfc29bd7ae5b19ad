using System.Globalization;

namespace Flint.Interop.Proc;

/// <summary>
/// The fields of <c>/proc/&lt;pid&gt;/stat</c> Flint reads: the state letter, the parent's pid and the start time
/// (field 22, clock ticks since boot; with the pid, it names a process even after its pid is reused).
/// </summary>
public readonly record struct ProcStat(char State, int ParentPid, ulong StartTime)
{
    /// <summary>A zombie (exited, not yet reaped) or dead process: one that no longer runs.</summary>
    public bool HasExited => State is 'Z' or 'X' or 'x';

    /// <summary>The process's stat, or null when it does not exist (or cannot be read).</summary>
    public static ProcStat? Read(int pid) => ReadFile($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");

    /// <summary>The stat under a <c>/proc/&lt;pid&gt;</c> directory, or null when it is gone.</summary>
    public static ProcStat? ReadDirectory(string processDirectory) => ReadFile(Path.Combine(processDirectory, "stat"));

    /// <summary>Whether <paramref name="pid"/> exists and has not exited.</summary>
    public static bool IsRunning(int pid) => Read(pid) is { HasExited: false };

    private static ProcStat? ReadFile(string path)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields count from the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19
            && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var parent)
            && ulong.TryParse(fields[19], CultureInfo.InvariantCulture, out var start)
            ? new ProcStat(fields[0][0], parent, start)
            : null;
    }
}
