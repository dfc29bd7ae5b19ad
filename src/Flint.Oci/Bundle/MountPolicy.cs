using Flint.Oci.Bundle.Spec;
using Flint.Oci.Cli;

namespace Flint.Oci.Bundle;

/// <summary>
/// Which of a bundle's mounts a Flint VM can honour. Kernel filesystems (proc, sysfs, tmpfs, devpts, mqueue,
/// cgroup) are the container's view of a kernel the guest does not have: the monitor synthesizes /proc, /sys and
/// /dev itself, so they are accepted. The files containerd's CRI binds in (hosts, hostname, resolv.conf,
/// termination log) are accepted with a warning that the guest does not see them. Any other bind mount would
/// hide data the function expects, so it is refused.
/// </summary>
internal static class MountPolicy
{
    private static readonly HashSet<string> KernelTypes = new(StringComparer.Ordinal) { "proc", "sysfs", "tmpfs", "devpts", "mqueue", "cgroup", "cgroup2", "shm" };

    private static readonly HashSet<string> ToleratedBinds = new(StringComparer.Ordinal)
    {
        "/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/dev/shm", "/dev/termination-log",
    };

    /// <summary>The warnings for tolerated mounts.</summary>
    /// <exception cref="OciException">A mount the guest would need to see.</exception>
    public static IReadOnlyList<string> Check(IReadOnlyList<OciMount>? mounts)
    {
        var warnings = new List<string>();
        foreach (var mount in mounts ?? [])
        {
            var destination = mount.Destination ?? string.Empty;
            var isBind = mount.Type is "bind" || (mount.Options ?? []).Any(o => o is "bind" or "rbind");
            if (!isBind && mount.Type is { } type && KernelTypes.Contains(type))
            {
                continue;
            }

            if (isBind && ToleratedBinds.Contains(destination))
            {
                warnings.Add($"the bind mount at {destination} is not visible to the guest (a Flint VM sees only its image's root filesystem)");
                continue;
            }

            throw new OciException(
                $"mount of {mount.Source ?? "(none)"} at {destination} (type {mount.Type ?? "none"}) is not supported: a Flint VM sees only its image's root filesystem");
        }

        return warnings;
    }
}
