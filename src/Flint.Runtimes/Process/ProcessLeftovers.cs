using System.Globalization;
using Flint.Interop.Libc;
using Flint.Interop.Proc;

namespace Flint.Runtimes.Process;

/// <summary>
/// One file per live instance under the runtime's state directory, naming the instance's pid and the
/// host's, each with its start time (so a recycled pid is never mistaken for either). A host killed
/// outright cannot remove its files; the next host's sweep kills every instance whose host is gone
/// (with its process group), removes its cgroup and working directory (<see cref="ProcessSandbox"/>),
/// and removes the file. Instances of a host that still runs are left alone.
/// </summary>
internal sealed class ProcessLeftovers
{
    private const int Sigkill = 9;
    private readonly string _stateDirectory;
    private readonly string _directory;
    private readonly string _self;

    public ProcessLeftovers(string stateDirectory)
    {
        _stateDirectory = stateDirectory;
        _directory = Path.Combine(stateDirectory, "process", "instances");
        var pid = Environment.ProcessId;
        _self = $"{pid} {StartTime(pid)}";
    }

    public void Record(string id, int pid)
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, id), $"{pid} {StartTime(pid)} {_self}\n");
    }

    public void Forget(string id)
    {
        try
        {
            File.Delete(Path.Combine(_directory, id));
        }
        catch (DirectoryNotFoundException)
        {
            // Never recorded: the start failed before the record was written.
        }
    }

    /// <summary>Kills and forgets the instances of hosts that no longer run; returns how many were still running.</summary>
    public int Sweep()
    {
        if (!Directory.Exists(_directory))
        {
            return 0;
        }

        var killed = 0;
        foreach (var file in Directory.EnumerateFiles(_directory))
        {
            var fields = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length == 4 && IsRunning(fields[2], fields[3]))
            {
                continue;
            }

            if (fields.Length == 4 && IsRunning(fields[0], fields[1]))
            {
                var pid = int.Parse(fields[0], CultureInfo.InvariantCulture);
                Wait.kill(-pid, Sigkill);
                Wait.kill(pid, Sigkill);
                killed++;
            }

            ProcessSandbox.RemoveLeftovers(_stateDirectory, Path.GetFileName(file));
            File.Delete(file);
        }

        return killed;
    }

    private static bool IsRunning(string pid, string startTime) =>
        int.TryParse(pid, CultureInfo.InvariantCulture, out var id) && StartTime(id) is { } started && started == startTime;

    /// <summary>Field 22 of <c>/proc/&lt;pid&gt;/stat</c> (clock ticks since boot), or null when the process is gone.</summary>
    private static string? StartTime(int pid) => ProcStat.Read(pid)?.StartTime.ToString(CultureInfo.InvariantCulture);
}
