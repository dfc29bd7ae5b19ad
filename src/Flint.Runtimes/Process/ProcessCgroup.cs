using Flint.Runtimes.Common;

namespace Flint.Runtimes.Process;

/// <summary>
/// A <c>process</c> instance's own cgroup, <c>flint-process/&lt;id&gt;</c>, holding the function's memory, CPU
/// and pid limits (<see cref="CgroupDirectories"/>: one directory on a cgroup v2 host, one per controller on a
/// v1 or hybrid host). The function joins it before it execs (<see cref="ProcessLauncher"/>); removing it kills
/// whatever is still inside, then removes the directories.
/// </summary>
internal sealed class ProcessCgroup
{
    public const string Parent = "flint-process";

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

    /// <summary>
    /// The parent of every instance's cgroup, made with its controllers enabled once per process rather than on
    /// every cold start (a failure is not cached: the next start retries).
    /// </summary>
    private static Lazy<bool> ParentReady { get; } = new(() =>
    {
        CgroupDirectories.EnableControllers(Parent);
        return true;
    }, LazyThreadSafetyMode.PublicationOnly);

    public static ProcessCgroup Create(string id, ResourceLimits limits)
    {
        var created = new List<string>();
        try
        {
            _ = ParentReady.Value;
            var quota = limits.Cpus is { } cpus ? (long?)(cpus * CgroupLimits.DefaultCpuPeriodMicroseconds) : null;
            CgroupDirectories.Create($"{Parent}/{id}", new CgroupLimits(limits.MemoryBytes, quota, CgroupLimits.DefaultCpuPeriodMicroseconds, limits.Pids), created);
            return new ProcessCgroup(id, created);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CgroupDirectories.Remove(created);
            throw new InstanceStartException($"could not set up the cgroup of instance {id}: {e.Message}", e);
        }
    }

    /// <summary>Kills what is left inside and removes the directories; safe to call twice.</summary>
    public void Remove() => CgroupDirectories.Remove(Directories);

    /// <summary>Removes the cgroup of an instance a previous gateway left behind.</summary>
    public static void RemoveLeftover(string id) => CgroupDirectories.Remove(CgroupDirectories.Of($"{Parent}/{id}"));
}
