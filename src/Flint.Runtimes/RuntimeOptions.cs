namespace Flint.Runtimes;

/// <summary>Host-wide settings every runtime reads once when it is created.</summary>
/// <param name="StateDirectory">
/// Where runtimes keep their files: the unpacked image cache (<see cref="CacheDirectory"/>) and, per
/// runtime, bundles and container state.
/// </param>
public sealed record RuntimeOptions(string StateDirectory)
{
    /// <summary>Unpacked image root file systems, one per image digest, shared by every runtime.</summary>
    public string CacheDirectory => Path.Combine(StateDirectory, "images");

    /// <summary>How long a stopping instance gets after SIGTERM before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <c>vm-snapshot</c>: restores kept prepared ahead per snapshot (VM, memory slot, pages mapped, vCPUs), refilled
    /// in the background; 0 prepares each restore when it is asked for.
    /// </summary>
    public int PreparedRestores { get; init; } = 2;

    /// <summary>
    /// <c>process</c>: the uids (each with the same gid) its instances run as, one per live instance, when the
    /// gateway is root. The default lies far above the ranges Debian allots to system users, people and
    /// subordinate ids, and must name no real user.
    /// </summary>
    public UidRange ProcessUids { get; init; } = new(2_000_000_000, 65_536);
}
