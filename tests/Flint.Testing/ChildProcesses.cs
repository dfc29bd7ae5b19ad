using System.Globalization;
using Flint.Interop.Proc;

namespace Flint.Testing;


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
                || ProcStat.ReadDirectory(directory) is not { } stat
                || stat.ParentPid != self)
            {
                continue;
            }

            children.Add(new ChildProcess(pid, stat.State, ReadExecutable(directory), ReadCommand(directory)));
        }

        return children;
    }

    /// <summary>
    /// Children that run an executable under <paramref name="directory"/>, and unreaped zombies of
    /// such executables. A zombie has no exe link left, so it is matched by its command name; zombies
    /// of other programs (tests in parallel run other commands) are not counted.
    /// </summary>
    public static IReadOnlyList<ChildProcess> RunningFrom(string directory)
    {
        var names = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(CommandName).ToHashSet(StringComparer.Ordinal)
            : [];
        return [.. OfThisProcess().Where(c => c.Executable is { } executable
            ? executable.StartsWith(directory, StringComparison.Ordinal)
            : c.State == 'Z' && c.Command is { } command && names.Contains(command))];
    }

    /// <summary>The name the kernel gives a process running <paramref name="path"/> (at most 15 characters).</summary>
    private static string CommandName(string path)
    {
        var name = Path.GetFileName(path);
        return name.Length <= 15 ? name : name[..15];
    }

    private static string? ReadCommand(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, "comm")).TrimEnd('\n');
        }
        catch (IOException)
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
