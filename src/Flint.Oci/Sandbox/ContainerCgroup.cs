using System.Globalization;
using Flint.Oci.Bundle;
using Flint.Oci.Cli;

namespace Flint.Oci.Sandbox;

/// <summary>
/// The monitor's cgroup with the container's limits: one directory on a cgroup v2 host, one per controller
/// (memory, cpu, pids) on a v1 or hybrid host. Memory is the guest's memory plus the monitor's allowance;
/// CPU is the container's CFS quota, which bounds every vCPU thread of the monitor together.
/// </summary>
internal static class ContainerCgroup
{
    private const string Root = "/sys/fs/cgroup";
    private static readonly string[] Controllers = ["memory", "cpu", "pids"];

    private static bool IsUnified => File.Exists(Path.Combine(Root, "cgroup.controllers"));

    /// <summary>Creates the directories, writes the limits and moves <paramref name="pid"/> in.</summary>
    /// <returns>The directories made, for <see cref="Remove"/>.</returns>
    /// <exception cref="OciException">A directory or limit could not be written.</exception>
    public static IReadOnlyList<string> Join(string relative, ContainerPlan plan, int pid)
    {
        var made = new List<string>();
        try
        {
            if (IsUnified)
            {
                var directory = Path.Combine(Root, relative);
                EnableControllers(relative);
                Make(directory, made);
                Write(directory, "memory.max", plan.CgroupMemoryBytes);
                if (plan.CpuQuota is { } quota)
                {
                    Write(directory, "cpu.max", $"{quota} {plan.CpuPeriod ?? 100_000}");
                }

                Write(directory, "pids.max", plan.PidsLimit);
                Write(directory, "cgroup.procs", pid);
                return made;
            }

            foreach (var controller in Controllers.Where(c => Directory.Exists(Path.Combine(Root, c))))
            {
                Make(Path.Combine(Root, controller, relative), made);
            }

            Write(Path.Combine(Root, "memory", relative), "memory.limit_in_bytes", plan.CgroupMemoryBytes);
            if (plan.CpuQuota is { } v1Quota)
            {
                Write(Path.Combine(Root, "cpu", relative), "cpu.cfs_period_us", plan.CpuPeriod ?? 100_000);
                Write(Path.Combine(Root, "cpu", relative), "cpu.cfs_quota_us", v1Quota);
            }

            Write(Path.Combine(Root, "pids", relative), "pids.max", plan.PidsLimit);
            foreach (var directory in made)
            {
                Write(directory, "cgroup.procs", pid);
            }

            return made;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Remove(made);
            throw new OciException($"could not set up the cgroup {relative}: {e.Message}", e);
        }
    }

    /// <summary>Removes the directories once nothing lives in them; parents shared with other containers stay.</summary>
    public static void Remove(IReadOnlyList<string> directories)
    {
        foreach (var directory in directories.Reverse())
        {
            for (var attempt = 0; Directory.Exists(directory); attempt++)
            {
                try
                {
                    Directory.Delete(directory);
                }
                catch (IOException) when (attempt < 200)
                {
                    // The monitor's threads are still leaving (EBUSY).
                    Thread.Sleep(5);
                }
                catch (DirectoryNotFoundException)
                {
                }
            }
        }
    }

    private static void EnableControllers(string relative)
    {
        var directory = Root;
        foreach (var part in relative.Split('/')[..^1])
        {
            Offer(directory);
            directory = Path.Combine(directory, part);
            Directory.CreateDirectory(directory);
        }

        Offer(directory);
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
                // Not available here; a limit that needs it fails with the file's name.
            }
        }
    }

    private static void Make(string directory, List<string> made)
    {
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            made.Add(directory);
        }
        else
        {
            throw new IOException($"{directory} exists: another container uses this cgroup path");
        }
    }

    private static void Write(string directory, string file, object? value)
    {
        if (value is null)
        {
            return;
        }

        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new IOException($"{path} does not exist (the controller is not available)");
        }

        File.WriteAllText(path, Convert.ToString(value, CultureInfo.InvariantCulture));
    }
}
