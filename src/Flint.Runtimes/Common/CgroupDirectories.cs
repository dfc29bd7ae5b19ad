using System.Globalization;
using Flint.Interop.Libc;

namespace Flint.Runtimes.Common;

/// <summary>
/// A cgroup at a path below the hierarchy's root with memory, CPU and pid limits: one directory on a cgroup v2
/// host, one per controller (memory, cpu, pids) on a v1 or hybrid host. Shared by the <c>process</c> runtime's
/// instance cgroups and flint-oci's container cgroups. Failures are <see cref="IOException"/>s naming the file.
/// </summary>
internal static class CgroupDirectories
{
    public const string Root = "/sys/fs/cgroup";
    private const int Sigkill = 9;
    private static readonly string[] Controllers = ["memory", "cpu", "pids"];

    public static bool IsUnified => File.Exists(Path.Combine(Root, "cgroup.controllers"));

    /// <summary>The directories <paramref name="relative"/> has on this host, whether or not they exist.</summary>
    public static IReadOnlyList<string> Of(string relative) =>
        IsUnified ? [Path.Combine(Root, relative)] : [.. Controllers.Select(c => Path.Combine(Root, c, relative))];

    /// <summary>
    /// On a v2 host, makes <paramref name="relativeParent"/> and its parents and offers the controllers in the root
    /// and in each of them, so that a cgroup made below has them; nothing on v1.
    /// </summary>
    public static void EnableControllers(string relativeParent)
    {
        if (!IsUnified)
        {
            return;
        }

        var directory = Root;
        Offer(directory);
        foreach (var part in relativeParent.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            directory = Path.Combine(directory, part);
            Directory.CreateDirectory(directory);
            Offer(directory);
        }
    }

    /// <summary>
    /// Makes the cgroup's directories (each added to <paramref name="made"/> as it is made, so that a failure can
    /// remove them) and writes the limits.
    /// </summary>
    public static void Create(string relative, CgroupLimits limits, List<string> made)
    {
        if (IsUnified)
        {
            var directory = Make(Path.Combine(Root, relative), made);
            SetLimit(directory, "memory.max", limits.MemoryBytes);
            if (limits.CpuQuotaMicroseconds is { } quota)
            {
                SetLimit(directory, "cpu.max", $"{quota} {limits.CpuPeriodMicroseconds}");
            }

            SetLimit(directory, "pids.max", limits.Pids);
            return;
        }

        foreach (var controller in Controllers.Where(c => Directory.Exists(Path.Combine(Root, c))))
        {
            Make(Path.Combine(Root, controller, relative), made);
        }

        SetLimit(Path.Combine(Root, "memory", relative), "memory.limit_in_bytes", limits.MemoryBytes);
        if (limits.CpuQuotaMicroseconds is { } v1Quota)
        {
            SetLimit(Path.Combine(Root, "cpu", relative), "cpu.cfs_period_us", limits.CpuPeriodMicroseconds);
            SetLimit(Path.Combine(Root, "cpu", relative), "cpu.cfs_quota_us", v1Quota);
        }

        SetLimit(Path.Combine(Root, "pids", relative), "pids.max", limits.Pids);
    }

    /// <summary>Moves <paramref name="pid"/> (all its threads) into every directory of the cgroup.</summary>
    public static void Join(IEnumerable<string> directories, int pid)
    {
        foreach (var directory in directories)
        {
            SetLimit(directory, "cgroup.procs", pid);
        }
    }

    /// <summary>Kills whatever is still inside and removes the directories, waiting for members to leave; safe to call twice.</summary>
    public static void Remove(IEnumerable<string> directories)
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

    private static void Offer(string directory)
    {
        foreach (var controller in Controllers)
        {
            try
            {
                File.WriteAllText(Path.Combine(directory, "cgroup.subtree_control"), $"+{controller}");
            }
            catch (IOException)
            {
                // Not offered here; a limit that needs it fails with the file's name.
            }
        }
    }

    private static string Make(string directory, List<string> made)
    {
        Directory.CreateDirectory(directory);
        made.Add(directory);
        return directory;
    }

    private static void SetLimit(string directory, string file, object? value)
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

        File.WriteAllText(path, Convert.ToString(value, CultureInfo.InvariantCulture));
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
