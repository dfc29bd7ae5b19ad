namespace Flint.Runtimes.Oci;

/// <summary>
/// Whether crun or runc can run containers here: the binary is installed, Flint runs as root
/// (rootless containers are not set up), and for crun on a hybrid cgroup host, the
/// <see cref="HybridCgroupMask"/> can be applied (checked once by applying it in a throwaway mount
/// namespace). runc accepts the hybrid layout as it is.
/// </summary>
internal static class OciAvailability
{
    public static RuntimeAvailability Check(string runtimeName, string? binary, string? maskDirectory)
    {
        if (binary is null)
        {
            return RuntimeAvailability.Unavailable(
                $"'{runtimeName}' is not installed (Debian package {runtimeName}; scripts/setup-containers.sh installs it)");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return RuntimeAvailability.Unavailable($"{runtimeName} containers need root (rootless containers are not set up)");
        }

        if (maskDirectory is null)
        {
            return RuntimeAvailability.Available;
        }

        foreach (var tool in new[] { "unshare", "nsenter" })
        {
            if (HostPath.Find(tool) is null)
            {
                return RuntimeAvailability.Unavailable(
                    $"{runtimeName} refuses this hybrid cgroup host unless cgroup2's controllers are masked, which needs '{tool}' (Debian package util-linux)");
            }
        }

        try
        {
            HybridCgroupMask.Start(maskDirectory).Dispose();
            return RuntimeAvailability.Available;
        }
        catch (OciCommandException e)
        {
            return RuntimeAvailability.Unavailable(e.Message);
        }
    }
}
