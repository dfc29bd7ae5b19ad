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
}
