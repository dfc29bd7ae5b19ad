namespace Flint.Runtimes.Oci.Spec;

/// <summary>Cgroup limits; a null member is left at the runtime's default (unlimited).</summary>
internal sealed record OciResources(
    IReadOnlyList<OciDeviceRule> Devices,
    OciMemory? Memory,
    OciCpu? Cpu,
    OciPids? Pids);
