using System.Globalization;
using Flint.Interop.Libc;

namespace Flint.Runtimes.Process;

/// <summary>
/// A <c>process</c> instance's own cgroup, <c>flint-process/&lt;id&gt;</c>, holding the function's memory, CPU
/// and pid limits: one directory on a cgroup v2 host, one per controller (memory, cpu, pids) on a v1 or
/// hybrid host. The function joins it before it execs (<see cref="ProcessLauncher"/>); removing it kills
/// whatever is still inside, then removes the directories.
/// </summary>
internal sealed class ProcessCgroup
{
    public const string Parent = "flint-process";
    private const string Root = "/sys/fs/cgroup";
    private const long CpuPeriodMicroseconds = 100_000;
    private const int Sigkill = 9;
    private static readonly string[] Controllers = ["memory", "cpu", "pids"];

    private ProcessCgroup(string id, IReadOnlyList<string> directories)
    {
        Id = id;
        Directories = directories;
    }

    public string Id { get; }

    /// <summary>The directories the function joins (writes its pid to each <c>cgroup.procs</c>).</summary>
    public IReadOnlyList<string> Directories { get; }

    /// <summary>Whether the kernel's OOM killer fired inside; read before <see cref="Remove()"/>.</summary>
    public bool WasOomKilled => Oci.CgroupMemoryEvents.WasOomKilled($"/{Parent}/{Id}");

    private static bool IsUnified => File.Exists(Path.Combine(Root, "cgroup.controllers"));

    /// <summary>
    /// The parent of every instance's cgroup on a v2 host, created with its controllers enabled once
    /// per process rather than on every cold start (a failure is not cached: the next start retries).
    /// </summary>
    private static Lazy<string> UnifiedParent { get; } = new(CreateUnifiedParent, LazyThreadSafetyMode.PublicationOnly);

    public static ProcessCgroup Create(string id, ResourceLimits limits)
    {
        var created = new List<string>();
        try
        {
            if (IsUnified)
            {
                var directory = Make(Path.Combine(UnifiedParent.Value, id), created);
                SetLimit(directory, "memory.max", limits.MemoryBytes?.ToString(CultureInfo.InvariantCulture));
                SetLimit(directory, "cpu.max", limits.Cpus is { } cpus ? $"{(long)(cpus * CpuPeriodMicroseconds)} {CpuPeriodMicroseconds}" : null);
                SetLimit(directory, "pids.max", limits.Pids?.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                foreach (var controller in Controllers.Where(c => Directory.Exists(Path.Combine(Root, c))))
                {
                    Make(Path.Combine(Root, controller, Parent, id), created);
                }

                SetLimit(Path.Combine(Root, "memory", Parent, id), "memory.limit_in_bytes", limits.MemoryBytes?.ToString(CultureInfo.InvariantCulture));
                if (limits.Cpus is { } cpus)
                {
                    SetLimit(Path.Combine(Root, "cpu", Parent, id), "cpu.cfs_period_us", CpuPeriodMicroseconds.ToString(CultureInfo.InvariantCulture));
                    SetLimit(Path.Combine(Root, "cpu", Parent, id), "cpu.cfs_quota_us", ((long)(cpus * CpuPeriodMicroseconds)).ToString(CultureInfo.InvariantCulture));
                }

                SetLimit(Path.Combine(Root, "pids", Parent, id), "pids.max", limits.Pids?.ToString(CultureInfo.InvariantCulture));
            }

            return new ProcessCgroup(id, created);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Remove(created);
            throw new InstanceStartException($"could not set up the cgroup of instance {id}: {e.Message}", e);
        }
    }

    /// <summary>Kills what is left inside and removes the directories; safe to call twice.</summary>
    public void Remove() => Remove(Directories);

    /// <summary>Removes the cgroup of an instance a previous gateway left behind.</summary>
    public static void RemoveLeftover(string id) =>
        Remove(IsUnified ? [Path.Combine(Root, Parent, id)] : [.. Controllers.Select(c => Path.Combine(Root, c, Parent, id))]);

    private static string CreateUnifiedParent()
    {
        var parent = Path.Combine(Root, Parent);
        Directory.CreateDirectory(parent);
        EnableControllers(Root);
        EnableControllers(parent);
        return parent;
    }

    private static string Make(string directory, List<string> created)
    {
        Directory.CreateDirectory(directory);
        created.Add(directory);
        return directory;
    }

    private static void EnableControllers(string directory)
    {
        foreach (var controller in Controllers)
        {
            try
            {
                File.WriteAllText(Path.Combine(directory, "cgroup.subtree_control"), $"+{controller}");
            }
            catch (IOException)
            {
                // Not offered here; a limit that needs it fails below with the file's name.
            }
        }
    }

    private static void SetLimit(string directory, string file, string? value)
    {
        if (value is null)
        {
            return;
        }

        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new IOException($"{path} does not exist (the controller is not available to Flint's cgroups)");
        }

        File.WriteAllText(path, value);
    }

    private static void Remove(IEnumerable<string> directories)
    {
        foreach (var directory in directories.Where(Directory.Exists))
        {
            for (var attempt = 0; ; attempt++)
            {
                KillMembers(directory);
                try
                {
                    Directory.Delete(directory);
                    break;
                }
                catch (DirectoryNotFoundException)
                {
                    break;
                }
                catch (IOException) when (attempt < 100)
                {
                    // Members still exiting (EBUSY).
                    Thread.Sleep(10);
                }
            }
        }
    }

    private static void KillMembers(string directory)
    {
        try
        {
            foreach (var line in File.ReadAllLines(Path.Combine(directory, "cgroup.procs")))
            {
                if (int.TryParse(line, CultureInfo.InvariantCulture, out var pid) && pid > 0)
                {
                    Wait.kill(pid, Sigkill);
                }
            }
        }
        catch (IOException)
        {
        }
    }
}
