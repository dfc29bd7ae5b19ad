using Flint.Oci.Bundle;
using Flint.Oci.Cli;
using Flint.Runtimes.Common;

namespace Flint.Oci.Sandbox;

/// <summary>
/// The monitor's cgroup with the container's limits (<see cref="CgroupDirectories"/>, as the <c>process</c>
/// runtime's instances have theirs). Memory is the guest's memory plus the monitor's allowance; CPU is the
/// container's CFS quota, which bounds every vCPU thread of the monitor together. Parents stay: other
/// containers share them, as with runc.
/// </summary>
internal static class ContainerCgroup
{
    /// <summary>Creates the directories, writes the limits and moves <paramref name="pid"/> in.</summary>
    /// <returns>The directories made, for <see cref="Remove"/>.</returns>
    /// <exception cref="OciException">The path is taken, or a directory or limit could not be written.</exception>
    public static IReadOnlyList<string> Join(string relative, ContainerPlan plan, int pid)
    {
        if (CgroupDirectories.Of(relative).FirstOrDefault(Directory.Exists) is { } taken)
        {
            throw new OciException($"could not set up the cgroup {relative}: {taken} exists: another container uses this cgroup path");
        }

        var made = new List<string>();
        try
        {
            CgroupDirectories.EnableControllers(Path.GetDirectoryName(relative) ?? string.Empty);
            var limits = new CgroupLimits(plan.CgroupMemoryBytes, plan.CpuQuota, (long)(plan.CpuPeriod ?? CgroupLimits.DefaultCpuPeriodMicroseconds), plan.PidsLimit);
            CgroupDirectories.Create(relative, limits, made);
            CgroupDirectories.Join(made, pid);
            return made;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CgroupDirectories.Remove(made);
            throw new OciException($"could not set up the cgroup {relative}: {e.Message}", e);
        }
    }

    /// <summary>Removes the directories, once whatever is left inside is killed.</summary>
    public static void Remove(IReadOnlyList<string> directories) => CgroupDirectories.Remove(directories);
}
