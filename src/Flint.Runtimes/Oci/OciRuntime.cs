using System.Collections.Concurrent;
using Flint.Runtimes.Common;

namespace Flint.Runtimes.Oci;

/// <summary>
/// Boots each instance as a container through an OCI runtime's command line (crun or runc): a
/// bundle per instance over the image's shared read-only rootfs, <c>run --detach</c> (create and start
/// in one invocation: one runtime process, not two) with the container's stdio piped to the function's
/// log and its listening socket passed in (<c>--preserve-fds 1</c>), then readiness once the entrypoint
/// accepts on that socket.
/// </summary>
internal sealed class OciRuntime : IInstanceRuntime, IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);
    private static readonly (int, string) Sigterm = (15, "SIGTERM");
    private static readonly (int, string) Sigkill = (9, "SIGKILL");

    private readonly OciRuntimeLayout _layout;
    private readonly OciCommandLine _commandLine;
    private readonly Func<RuntimeAvailability> _availability;
    private readonly ConcurrentDictionary<string, Instance> _live = new();
    private readonly ConcurrentDictionary<string, byte> _mine = new(StringComparer.Ordinal);

    public OciRuntime(string name, OciRuntimeLayout layout, OciCommandLine commandLine, Func<RuntimeAvailability> availability)
    {
        Name = name;
        _layout = layout;
        _commandLine = commandLine;
        _availability = availability;
    }

    public string Name { get; }

    public RuntimeAvailability CheckAvailability() => _availability();

    public async Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var phases = PhaseTimeline.StartNow();
        phases.Mark(InstancePhases.Create);
        var id = ContainerIds.New(spec.FunctionName);
        _mine[id] = 0;
        var cgroupsPath = OciRuntimeLayout.CgroupsPath(id);
        var listener = InstanceListener.Open();
        string? bundle = null;
        AcceptProbe? probe = null;
        SpawnedProcess run;
        try
        {
            probe = AcceptProbe.Connect(listener);
            var rootfs = SharedRootfs.Prepare(spec.Image, _layout.ImageCache);
            bundle = OciBundle.Write(_layout.Bundles, id, OciSpecFactory.Create(spec, rootfs, listener, cgroupsPath));
            phases.Mark(OciPhases.Bundle);
            run = _commandLine.StartDetached(id, bundle, listener);
        }
        catch
        {
            if (bundle is not null)
            {
                OciBundle.Remove(bundle);
            }

            probe?.Dispose();
            listener.Dispose();
            _mine.TryRemove(id, out _);
            throw;
        }

        var container = new OciContainer(id, bundle, cgroupsPath, listener, run, spec.Log);
        var accepting = AcceptingAsync(id, container, probe, spec, phases, cancellationToken);
        var instance = new Instance(id, Name, listener.Port, phases, container, spec.HandOffAtLaunch ? accepting : null);
        _live[id] = instance;
        if (!spec.HandOffAtLaunch)
        {
            await accepting.ConfigureAwait(false);
        }

        return instance;
    }

    /// <summary>
    /// Waits for <c>run --detach</c> (marking <see cref="InstancePhases.Launched"/>), then until the container
    /// accepts (<see cref="InstancePhases.Ready"/>); when either fails, tears the container down and throws,
    /// naming an OOM kill as such.
    /// </summary>
    private async Task AcceptingAsync(string id, OciContainer container, AcceptProbe probe, InstanceSpec spec, PhaseTimeline phases, CancellationToken cancellationToken)
    {
        using var probed = probe;

        // Runs on from here only once the caller has recorded the instance (the first await yields).
        await Task.Yield();
        try
        {
            if (await container.WaitForRunAsync(cancellationToken).ConfigureAwait(false) is not 0 and var status)
            {
                throw new InstanceStartException($"{Name} run --detach exited with status {status}");
            }

            phases.Mark(InstancePhases.Launched);
            container.HoldInit();
            var ready = await probe.WaitAsync(spec.StartTimeout, () => container.HasExited, cancellationToken).ConfigureAwait(false);
            phases.Mark(InstancePhases.Ready, ready);
        }
        catch (Exception e)
        {
            var oomKilled = await TeardownAsync(container, phases).ConfigureAwait(false);
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
        var oomKilled = await TeardownAsync(instance).ConfigureAwait(false);
        instance.RecordEnd(new InstanceEnd(oomKilled, ((OciContainer)instance.RuntimeState).OutputTail()));
    }

    /// <summary>Stops every instance this runtime still holds.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_live.Values.Select(TeardownAsync)).ConfigureAwait(false);
        _commandLine.Dispose();
    }

    /// <summary>
    /// SIGTERM and a short grace (when the entrypoint handles SIGTERM), SIGKILL, both through the init's pidfd, then <c>delete</c>
    /// (forced if need be) and the bundle removed.
    /// Returns whether the memory cgroup saw an OOM kill (read before delete removes the cgroup).
    /// Runs once per instance; it ignores cancellation, so nothing is left half torn down.
    /// </summary>
    private Task<bool> TeardownAsync(Instance instance) => TeardownAsync((OciContainer)instance.RuntimeState, instance.Phases);

    private async Task<bool> TeardownAsync(OciContainer container, PhaseTimeline phases)
    {
        var oomKilled = false;
        await container.TeardownOnce(async () =>
        {
            try
            {
                if (container.InitPid() is not { } pid || SignalDisposition.HandlesSigterm(pid))
                {
                    await SignalAndWaitAsync(container, Sigterm, StopGrace).ConfigureAwait(false);
                }

                await SignalAndWaitAsync(container, Sigkill, KillWait).ConfigureAwait(false);
                phases.Mark(OciPhases.Killed);
                oomKilled = CgroupMemoryEvents.WasOomKilled(container.CgroupsPath);
                await DeleteAsync(container.Id).ConfigureAwait(false);
                phases.Mark(OciPhases.Deleted);
            }
            finally
            {
                OciBundle.Remove(container.Bundle);
                container.Dispose();
                _live.TryRemove(container.Id, out _);
                _mine.TryRemove(container.Id, out _);
            }

            phases.Mark(InstancePhases.Stopped);
        }).ConfigureAwait(false);
        return oomKilled;
    }

    /// <summary>
    /// Removes containers and bundles that a previous Flint process left under the same state
    /// directory when it was killed outright (no graceful stop): everything under this runtime's
    /// <c>--root</c> and bundle directory that this runtime did not create itself.
    /// </summary>
    public async Task<int> SweepLeftoversAsync(CancellationToken cancellationToken)
    {
        if (!_availability().IsAvailable)
        {
            return 0;
        }

        var removed = 0;
        foreach (var id in await _commandLine.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!_mine.ContainsKey(id))
            {
                await DeleteAsync(id, force: true).ConfigureAwait(false);
                removed++;
            }
        }

        foreach (var bundle in Directory.EnumerateDirectories(_layout.Bundles))
        {
            if (!_mine.ContainsKey(Path.GetFileName(bundle)))
            {
                OciBundle.Remove(bundle);
            }
        }

        return removed;
    }

    /// <summary>
    /// Signals the container's init through its pidfd, or with the runtime's <c>kill</c> when it has none (the start
    /// failed early), then waits up to <paramref name="wait"/> for every process holding its stdio to exit.
    /// </summary>
    private async Task SignalAndWaitAsync(OciContainer container, (int Number, string Name) signal, TimeSpan wait)
    {
        if (container.HasExited)
        {
            return;
        }

        if (!container.SignalInit(signal.Number))
        {
            // Fails harmlessly when create never made the container or it has just exited.
            await _commandLine.KillAsync(container.Id, signal.Name, CancellationToken.None).ConfigureAwait(false);
        }

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
