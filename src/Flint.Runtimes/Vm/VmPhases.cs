namespace Flint.Runtimes.Vm;

/// <summary>Phases only a Flint VM instance has, between <see cref="InstancePhases.Launched"/> and <see cref="InstancePhases.Ready"/>.</summary>
internal static class VmPhases
{
    /// <summary>The guest called listen(): the monitor saw it, no probing involved.</summary>
    public const string Listening = "listening";
}
