namespace Flint.Runtimes.Vm;

/// <summary>Phases only a Flint VM instance has, between <see cref="InstancePhases.Launched"/> and <see cref="InstancePhases.Ready"/>.</summary>
internal static class VmPhases
{
    /// <summary>The guest called listen(): the monitor saw it, no probing involved.</summary>
    public const string Listening = "listening";

    /// <summary>A restore is done: memory mapped, threads and fds back, the listening socket handed over.</summary>
    public const string Restored = "restored";

    /// <summary>The first boot's snapshot is written (only that boot has this phase).</summary>
    public const string Snapshotted = "snapshotted";
}
