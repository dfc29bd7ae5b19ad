using System.Globalization;

namespace Flint.Testing;

/// <summary>A child of the test process, as /proc shows it (zombies included: they are not reaped yet).</summary>
public sealed record ChildProcess(int Pid, char State, string? Executable);

/// <summary>Lists the direct children of the test process from /proc, to prove nothing is left behind.</summary>
public static class ChildProcesses
{
    public static IReadOnlyList<ChildProcess> OfThisProcess()
    {
        var self = Environment.ProcessId;
        var children = new List<ChildProcess>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || ReadStat(directory) is not { } stat
                || stat.ParentPid != self)
            {
                continue;
            }

            children.Add(new ChildProcess(pid, stat.State, ReadExecutable(directory)));
        }

        return children;
    }

    /// <summary>Children that run an executable under <paramref name="directory"/>, or are unreaped zombies.</summary>
    public static IReadOnlyList<ChildProcess> RunningFrom(string directory) =>
        [.. OfThisProcess().Where(c => c.State == 'Z' || (c.Executable?.StartsWith(directory, StringComparison.Ordinal) ?? false))];

    private static (char State, int ParentPid)? ReadStat(string directory)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadExecutable(string directory)
    {
        try
        {
            return new FileInfo(Path.Combine(directory, "exe")).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
