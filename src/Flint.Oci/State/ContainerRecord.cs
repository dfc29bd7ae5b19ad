namespace Flint.Oci.State;

/// <summary>
/// What flint-oci keeps of one container between its commands (<c>state.json</c> in the container's directory):
/// the monitor's pid with its start time (so that a reused pid is not taken for it), whether it was started,
/// and the cgroup directories to remove on delete.
/// </summary>
internal sealed record ContainerRecord
{
    public required string Id { get; init; }

    public required string Bundle { get; init; }

    public required string Rootfs { get; init; }

    public int Pid { get; init; }

    /// <summary>Field 22 of /proc/pid/stat when the monitor started (clock ticks since boot).</summary>
    public ulong PidStartTime { get; init; }

    public bool Started { get; init; }

    public DateTimeOffset Created { get; init; }

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> CgroupDirectories { get; init; } = [];
}
