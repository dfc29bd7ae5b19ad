using System.Globalization;
using Flint.Interop.Proc;

namespace Flint.Bench.Soak;

/// <summary>
/// Reads what a gateway holds from <c>/proc</c> and <c>/sys/fs/cgroup</c>: its descriptors, threads,
/// resident memory and mappings; the processes below it and the sockets they listen on; the mounts
/// under its data directory; the cgroups of instances whose names contain <c>instanceMarker</c>
/// (<c>flint-process/*</c> and the OCI runtimes' <c>flint/*</c>, in every hierarchy); and the entries
/// of every runtime's <c>bundles</c> and <c>state</c> directories.
/// </summary>
public static class SoakProbe
{
    private const string CgroupRoot = "/sys/fs/cgroup";
    private static readonly string[] CgroupParents = ["flint-process", "flint"];
    private static readonly string[] RuntimeDirectories = ["bundles", "state"];

    public static IReadOnlyList<SoakCounter> Take(int pid, string dataDirectory, string instanceMarker)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentException.ThrowIfNullOrEmpty(instanceMarker);
        var counters = new List<SoakCounter>();
        if (pid == Environment.ProcessId)
        {
            // The gateway is hosted here: collect first, so garbage not yet collected is not counted as a leak.
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            GC.WaitForPendingFinalizers();
            counters.Add(new(SoakBounds.ManagedHeapKiB, heap / 1024));
        }

        var descendants = Descendants(pid);
        counters.Add(new(SoakBounds.Descriptors, Entries($"/proc/{pid}/fd").Count));
        counters.Add(new(SoakBounds.Threads, Entries($"/proc/{pid}/task").Count));
        counters.Add(new(SoakBounds.ResidentKiB, ResidentKiB(pid)));
        counters.Add(new(SoakBounds.Mappings, File.ReadLines($"/proc/{pid}/maps").LongCount()));
        counters.Add(new(SoakBounds.Children, descendants.Count));
        counters.Add(new(SoakBounds.ListeningSockets, ListeningSockets([pid, .. descendants])));
        counters.Add(new(SoakBounds.Mounts, MountsUnder(pid, Path.GetFullPath(dataDirectory))));
        counters.Add(new(SoakBounds.Cgroups, Cgroups(instanceMarker)));
        counters.Add(new(SoakBounds.RuntimeEntries, RuntimeEntries(dataDirectory)));
        return counters;
    }

    /// <summary>Every live process below <paramref name="pid"/>, zombies included.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child)
                && ParentOf(directory) is { } parent)
            {
                parents[child] = parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var (child, parent) in parents)
            {
                if (parent == current)
                {
                    found.Add(child);
                    frontier.Enqueue(child);
                }
            }
        }

        return found;
    }

    private static int? ParentOf(string processDirectory) => ProcStat.ReadDirectory(processDirectory)?.ParentPid;

    private static long ResidentKiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>TCP sockets in LISTEN state (st 0A) held open by any of the processes.</summary>
    private static long ListeningSockets(IEnumerable<int> pids)
    {
        var listening = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == "0A")
                {
                    listening.Add(fields[9]);
                }
            }
        }

        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pid in pids)
        {
            foreach (var fd in Entries($"/proc/{pid}/fd"))
            {
                try
                {
                    if (File.ResolveLinkTarget(fd, returnFinalTarget: false)?.FullName is { } target
                        && Path.GetFileName(target) is var name && name.StartsWith("socket:[", StringComparison.Ordinal))
                    {
                        held.Add(name[8..^1]);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The descriptor closed while it was read.
                }
            }
        }

        return held.Count(listening.Contains);
    }

    /// <summary>Mount points (field 5 of mountinfo) at or below the data directory, as the gateway sees them.</summary>
    private static long MountsUnder(int pid, string dataDirectory) =>
        File.ReadLines($"/proc/{pid}/mountinfo")
            .Select(l => l.Split(' ')[4])
            .LongCount(m => m == dataDirectory || m.StartsWith(dataDirectory.TrimEnd('/') + "/", StringComparison.Ordinal));

    private static long Cgroups(string instanceMarker)
    {
        var hierarchies = new List<string> { CgroupRoot };
        hierarchies.AddRange(Entries(CgroupRoot).Where(Directory.Exists));
        return hierarchies
            .SelectMany(h => CgroupParents.Select(p => Path.Combine(h, p)))
            .SelectMany(DirectoriesIn)
            .LongCount(d => Path.GetFileName(d).Contains(instanceMarker, StringComparison.Ordinal));
    }

    private static long RuntimeEntries(string dataDirectory) =>
        DirectoriesIn(dataDirectory)
            .SelectMany(runtime => RuntimeDirectories.Select(d => Path.Combine(runtime, d)))
            .Sum(d => (long)Entries(d).Count);

    private static IEnumerable<string> DirectoriesIn(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateDirectories(directory) : [];

    private static IReadOnlyList<string> Entries(string directory)
    {
        try
        {
            return [.. Directory.EnumerateFileSystemEntries(directory)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
