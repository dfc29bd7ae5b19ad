namespace Flint.Runtimes;

/// <summary>
/// One way to boot a function instance (a process, a container, a Flint VM). The gateway asks it for
/// an instance, forwards requests to <see cref="Instance.Endpoint"/>, and stops it; it never knows
/// what kind of instance it talks to.
/// </summary>
public interface IInstanceRuntime
{
    /// <summary>The name deploy specs use (see <see cref="RuntimeNames"/>).</summary>
    string Name { get; }

    /// <summary>Whether this host can run instances now, and if not, the precise reason.</summary>
    RuntimeAvailability CheckAvailability();

    /// <summary>
    /// Boots an instance and returns once it accepts connections on its endpoint (or, when the spec asks
    /// for <see cref="InstanceSpec.HandOffAtLaunch"/> and the runtime can, once it is launched: then
    /// <see cref="Instance.Accepting"/> reports the rest). Throws <see cref="InstanceStartException"/> (with
    /// the instance's output tail) when it cannot start; nothing it created is left behind in that case.
    /// </summary>
    Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken);

    /// <summary>Stops the instance and releases everything it held. Safe to call more than once.</summary>
    Task StopAsync(Instance instance, CancellationToken cancellationToken);

    /// <summary>
    /// Removes what instances of an earlier host left behind when it was killed outright (processes,
    /// containers, bundles), never touching this host's own instances; the host calls it before it
    /// serves and may call it again. Returns how many leftover instances it removed; throws when it
    /// could not finish (the host logs that and retries later).
    /// </summary>
    Task<int> SweepLeftoversAsync(CancellationToken cancellationToken) => Task.FromResult(0);
}
