namespace Flint.Vm.Snapshots;

/// <summary>
/// Asks a booting VM for a snapshot: once the guest listens on its lent socket and every guest thread is blocked in
/// a syscall, the monitor writes one to <paramref name="Path"/>, labelled with <paramref name="Key"/> (what the
/// caller needs to match on restore: the image and its configuration). The guest runs on afterwards.
/// </summary>
public sealed record SnapshotRequest(string Path, string Key)
{
    /// <summary>
    /// Called once from a monitor thread: null when the file was written, else why no snapshot was taken: a
    /// <see cref="SnapshotException"/> when this guest cannot be snapshotted as it is, an
    /// <see cref="OperationCanceledException"/> when the VM stopped first, an <see cref="IOException"/> when the
    /// file could not be written.
    /// </summary>
    public Action<Exception?>? Completed { get; init; }

    /// <summary>
    /// The snapshot is looked for only once this completes: for example after a warm-up request was answered, so
    /// that the threads and lazy state a first request creates are in the snapshot. Null: as soon as the guest
    /// listens. A connection still open at that point delays the snapshot until the guest has closed it.
    /// </summary>
    public Task? After { get; init; }

    /// <summary>How long to wait, after the guest listens, for every thread to block; no snapshot after it.</summary>
    public TimeSpan QuiescenceTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
