namespace Flint.Runtimes;

/// <summary>The runtime names that deploy specs, the CLI and the benchmark use.</summary>
public static class RuntimeNames
{
    public const string Process = "process";
    public const string Crun = "crun";
    public const string Runc = "runc";
    public const string Docker = "docker";
    /// <summary>The Flint VM on the best platform the host has: KVM where it boots a guest, else the emulated CPU.</summary>
    public const string Vm = "vm";

    /// <summary>The Flint VM on the emulated CPU always, to compare with <see cref="Vm"/> on a KVM host.</summary>
    public const string VmEmulated = "vm-emulated";

    /// <summary>The Flint VM restored from a snapshot of the function taken by its first boot, on <see cref="Vm"/>'s platform.</summary>
    public const string VmSnapshot = "vm-snapshot";

    /// <summary><see cref="VmSnapshot"/> on the emulated CPU always.</summary>
    public const string VmSnapshotEmulated = "vm-snapshot-emulated";

    public static IReadOnlyList<string> All { get; } = [Process, Crun, Runc, Docker, Vm, VmEmulated, VmSnapshot, VmSnapshotEmulated];
}
