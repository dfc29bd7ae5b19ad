namespace Flint.Runtimes.Oci;

/// <summary>Phases only OCI runtimes mark, between the shared <see cref="InstancePhases"/>.</summary>
public static class OciPhases
{
    /// <summary>The bundle (config.json over the shared rootfs) is written.</summary>
    public const string Bundle = "bundle";

    /// <summary>On stop: the container's processes have exited.</summary>
    public const string Killed = "killed";

    /// <summary>On stop: <c>delete</c> returned; the container and its cgroup are gone.</summary>
    public const string Deleted = "deleted";
}
