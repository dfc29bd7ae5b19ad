using Flint.Runtimes.Common;
using Flint.Runtimes.Oci.Security;
using Flint.Runtimes.Oci.Spec;

namespace Flint.Runtimes.Oci;

/// <summary>
/// Builds an instance's <c>config.json</c>: the image's entrypoint on a read-only root, the host's
/// network (the instance serves the loopback socket it receives as descriptor 3), and the spec's limits.
/// Least privilege: a non-root user (<see cref="ContainerUser"/>), no capabilities but those the
/// function asked for and may have (<see cref="ContainerCapabilities"/>), no new privileges, and
/// Docker's default seccomp rules (<see cref="SeccompProfile"/>). Mounts follow <c>runc spec</c>'s
/// defaults; masked and read-only paths Docker's.
/// </summary>
internal static class OciSpecFactory
{
    private const ulong CpuPeriodMicroseconds = 100_000;

    private static readonly string[] MaskedPaths =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    private static readonly string[] ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <summary>The directories <see cref="Mounts"/> mount onto; they must exist in the read-only rootfs.</summary>
    public static IReadOnlyList<string> MountPoints { get; } = ["proc", "dev", "sys", "tmp"];

    /// <summary>The entrypoint is its pid namespace's init, so <c>LISTEN_PID</c> is 1.</summary>
    public static OciRuntimeSpec Create(InstanceSpec spec, string rootfs, InstanceListener listener, string cgroupsPath) =>
        Create(spec, rootfs, InstanceEnvironment.ForSocketActivation(spec, listener, listenPid: 1), cgroupsPath);

    /// <summary>
    /// The same container with exactly <paramref name="environment"/> (one that binds <c>PORT</c> itself, say).
    /// Throws <see cref="InstanceStartException"/> for an image user or a capability it refuses.
    /// </summary>
    public static OciRuntimeSpec Create(InstanceSpec spec, string rootfs, IReadOnlyDictionary<string, string> environment, string cgroupsPath)
    {
        var user = ContainerUser.Resolve(spec.Image.User);
        var capabilities = ContainerCapabilities.Validate(spec.Capabilities);
        return new(
            OciVersion: "1.0.2",
            Process: new OciProcess(
                Terminal: false,
                User: user,
                Args: spec.Image.Entrypoint,
                Env: [.. environment.Select(v => $"{v.Key}={v.Value}")],
                Cwd: "/",
                Capabilities: OciCapabilities.Of(capabilities),
                NoNewPrivileges: true),
            Root: new OciRoot(rootfs, Readonly: true),
            Hostname: "flint",
            Mounts: Mounts,
            Linux: new OciLinux(
                Resources(spec.Limits),
                cgroupsPath,
                // No "network" namespace: the instance shares the host's and serves the socket it was handed.
                [new("pid"), new("ipc"), new("uts"), new("mount")],
                MaskedPaths,
                ReadonlyPaths,
                SeccompProfile.For(capabilities)));
    }

    private static IReadOnlyList<OciMount> Mounts { get; } =
    [
        new("/proc", "proc", "proc", []),
        new("/dev", "tmpfs", "tmpfs", ["nosuid", "strictatime", "mode=755", "size=65536k"]),
        new("/dev/pts", "devpts", "devpts", ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
        new("/dev/shm", "tmpfs", "shm", ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]),
        new("/dev/mqueue", "mqueue", "mqueue", ["nosuid", "noexec", "nodev"]),
        new("/sys", "sysfs", "sysfs", ["nosuid", "noexec", "nodev", "ro"]),
        new("/sys/fs/cgroup", "cgroup", "cgroup", ["nosuid", "noexec", "nodev", "relatime", "ro"]),
        new("/tmp", "tmpfs", "tmpfs", ["nosuid", "nodev", "mode=1777", "size=16m"]),
    ];


    private static OciResources Resources(ResourceLimits limits) => new(
        Devices: [new OciDeviceRule(Allow: false, Access: "rwm")],
        Memory: limits.MemoryBytes is { } bytes ? new OciMemory(bytes) : null,
        Cpu: limits.Cpus is { } cpus ? new OciCpu((long)(cpus * CpuPeriodMicroseconds), CpuPeriodMicroseconds) : null,
        Pids: limits.Pids is { } pids ? new OciPids(pids) : null);
}
