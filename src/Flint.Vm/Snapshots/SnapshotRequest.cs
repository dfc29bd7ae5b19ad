namespace Flint.Vm.Snapshots;

/// <summary>
/// Asks a booting VM for a snapshot: once the guest listens on its lent socket and every guest thread is blocked in
/// a syscall, the monitor writes one to <paramref name="Path"/>, labelled with <paramref name="Key"/> (what the
/// caller needs to match on restore: the image and its configuration). The guest runs on afterwards.
/// </summary>
public sealed record SnapshotRequest(string Path, string Key)
{
    /// <summary>Called once from a monitor thread: null when the file was written, else why no snapshot was taken.</summary>
    public Action<Exception?>? Completed { get; init; }

    /// <summary>How long to wait, after the guest listens, for every thread to block; no snapshot after it.</summary>
    public TimeSpan QuiescenceTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
