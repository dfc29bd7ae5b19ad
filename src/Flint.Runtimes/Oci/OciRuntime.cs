using System.Collections.Concurrent;
using Flint.Runtimes.Common;

namespace Flint.Runtimes.Oci;

/// <summary>
/// Boots each instance as a container through an OCI runtime's command line (crun or runc): a
/// bundle per instance over the image's shared read-only rootfs, <c>create</c> with the container's
/// stdio piped to the function's log, <c>start</c>, then a readiness probe on its loopback port.
/// </summary>
internal sealed class OciRuntime : IInstanceRuntime, IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    private readonly OciRuntimeLayout _layout;
    private readonly OciCommandLine _commandLine;
    private readonly Func<RuntimeAvailability> _availability;
    private readonly ConcurrentDictionary<string, Instance> _live = new();
    private readonly Lazy<Task> _sweep;

    public OciRuntime(string name, OciRuntimeLayout layout, OciCommandLine commandLine, Func<RuntimeAvailability> availability)
    {
        Name = name;
        _layout = layout;
        _commandLine = commandLine;
        _availability = availability;
        _sweep = new(SweepLeftoversAsync);
    }

    public string Name { get; }

    public RuntimeAvailability CheckAvailability() => _availability();

    public async Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await _sweep.Value.ConfigureAwait(false);
        var phases = PhaseTimeline.StartNow();
        phases.Mark(InstancePhases.Create);
        var id = ContainerIds.New(spec.FunctionName);
        var port = LoopbackPorts.Reserve();
        var cgroupsPath = OciRuntimeLayout.CgroupsPath(id);
        var rootfs = SharedRootfs.Prepare(spec.Image, _layout.ImageCache);
        var bundle = OciBundle.Write(_layout.Bundles, id, OciSpecFactory.Create(spec, rootfs, port, cgroupsPath));
        phases.Mark(OciPhases.Bundle);

        System.Diagnostics.Process create;
        try
        {
            create = _commandLine.StartCreate(id, bundle);
        }
        catch
        {
            OciBundle.Remove(bundle);
            throw;
        }

        var container = new OciContainer(id, bundle, cgroupsPath, create, spec.Log);
        var instance = new Instance(id, Name, port, phases, container);
        _live[id] = instance;
        try
        {
            if (await container.WaitForCreateAsync(cancellationToken).ConfigureAwait(false) is not 0 and var status)
            {
                throw new InstanceStartException($"{Name} create exited with status {status}");
            }

            phases.Mark(OciPhases.Created);
            (await _commandLine.StartAsync(id, cancellationToken).ConfigureAwait(false)).ThrowIfFailed();
            phases.Mark(InstancePhases.Launched);
            var ready = await ReadinessProbe.WaitAsync(port, spec.StartTimeout, () => container.HasExited, cancellationToken).ConfigureAwait(false);
            phases.Mark(InstancePhases.Ready, ready);
            return instance;
        }
        catch (Exception e)
        {
            var oomKilled = await TeardownAsync(instance).ConfigureAwait(false);
            if (e is OperationCanceledException)
            {
                throw;
            }

            var message = $"{Name}: instance {id} of '{spec.FunctionName}' failed to start: "
                + (oomKilled ? $"{OomKill.Message} ({spec.Limits.MemoryBytes} bytes)" : e.Message);
            var failure = new InstanceStartException(message, container.OutputTail());
            throw oomKilled ? OomKill.Mark(failure) : failure;
        }
    }

    public async Task StopAsync(Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        await TeardownAsync(instance).ConfigureAwait(false);
    }

    /// <summary>Stops every instance this runtime still holds.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_live.Values.Select(TeardownAsync)).ConfigureAwait(false);
        _commandLine.Dispose();
    }

    /// <summary>
    /// SIGTERM and a short grace (when the entrypoint handles SIGTERM), SIGKILL, then <c>delete</c>
    /// (forced if need be) and the bundle removed.
    /// Returns whether the memory cgroup saw an OOM kill (read before delete removes the cgroup).
    /// Runs once per instance; it ignores cancellation, so nothing is left half torn down.
    /// </summary>
    private async Task<bool> TeardownAsync(Instance instance)
    {
        var container = (OciContainer)instance.RuntimeState;
        var oomKilled = false;
        await container.TeardownOnce(async () =>
        {
            try
            {
                if (container.InitPid() is not { } pid || SignalDisposition.HandlesSigterm(pid))
                {
                    await SignalAndWaitAsync(container, "SIGTERM", StopGrace).ConfigureAwait(false);
                }

                await SignalAndWaitAsync(container, "SIGKILL", KillWait).ConfigureAwait(false);
                instance.Phases.Mark(OciPhases.Killed);
                oomKilled = CgroupMemoryEvents.WasOomKilled(container.CgroupsPath);
                await DeleteAsync(container.Id).ConfigureAwait(false);
                instance.Phases.Mark(OciPhases.Deleted);
            }
            finally
            {
                OciBundle.Remove(container.Bundle);
                container.Dispose();
                _live.TryRemove(container.Id, out _);
            }

            instance.Phases.Mark(InstancePhases.Stopped);
        }).ConfigureAwait(false);
        return oomKilled;
    }

    /// <summary>
    /// Before this runtime's first instance: removes containers and bundles that a previous Flint
    /// process left under the same state directory when it was killed outright (no graceful stop).
    /// </summary>
    private async Task SweepLeftoversAsync()
    {
        if (!_availability().IsAvailable)
        {
            return;
        }

        foreach (var id in await _commandLine.ListAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await DeleteAsync(id, force: true).ConfigureAwait(false);
        }

        foreach (var bundle in Directory.EnumerateDirectories(_layout.Bundles))
        {
            OciBundle.Remove(bundle);
        }
    }

    private async Task SignalAndWaitAsync(OciContainer container, string signal, TimeSpan wait)
    {
        if (container.HasExited)
        {
            return;
        }

        // Fails harmlessly when create never made the container or it has just exited.
        await _commandLine.KillAsync(container.Id, signal, CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAny(container.Exited, Task.Delay(wait)).ConfigureAwait(false);
    }

    private async Task DeleteAsync(string id, bool force = false)
    {
        var delete = await _commandLine.DeleteAsync(id, force, CancellationToken.None).ConfigureAwait(false);
        if (!delete.Succeeded)
        {
            var forced = await _commandLine.DeleteAsync(id, force: true, CancellationToken.None).ConfigureAwait(false);
            if (!forced.Succeeded && !forced.Stderr.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
            {
                throw new OciCommandException($"{delete.Describe()}; then {forced.Describe()}");
            }
        }
    }
}
