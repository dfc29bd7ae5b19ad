using Flint.Vm;

namespace Flint.Oci.Bundle;

/// <summary>A bundle checked and turned into what the monitor runs and where: every decision <c>create</c> takes from config.json.</summary>
internal sealed record ContainerPlan
{
    public required string Bundle { get; init; }

    public required string Rootfs { get; init; }

    /// <summary>The executable's path on the host (inside <see cref="Rootfs"/>).</summary>
    public required string ExecutablePath { get; init; }

    /// <summary>The executable's path as the guest sees it: argv[0].</summary>
    public required string GuestPath { get; init; }

    /// <summary>argv[1..].</summary>
    public required IReadOnlyList<string> Args { get; init; }

    public required IReadOnlyList<string> Env { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>The guest's output goes to a console (a pseudo-terminal the caller is handed) instead of the inherited streams.</summary>
    public bool Terminal { get; init; }

    public required ulong GuestMemoryBytes { get; init; }

    /// <summary>The cgroup's memory limit: the guest's memory and the monitor's allowance; null: none.</summary>
    public long? CgroupMemoryBytes { get; init; }

    public long? CpuQuota { get; init; }

    public ulong? CpuPeriod { get; init; }

    public long? PidsLimit { get; init; }

    public IReadOnlyList<GuestResourceLimit> ResourceLimits { get; init; } = [];

    public NetworkNamespaceRequest Network { get; init; } = NetworkNamespaceRequest.Host;

    public string? CgroupsPath { get; init; }

    /// <summary>The port the function serves on (<c>PORT</c> in its environment); its listening socket is made before the guest starts.</summary>
    public int? Port { get; init; }

    public VmPlatformChoice Platform { get; init; } = VmPlatformChoice.Auto;

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>What the bundle asks that the guest will not see; logged as warnings, not refused.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
