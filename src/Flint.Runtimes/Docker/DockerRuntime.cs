using System.Collections.Concurrent;
using Flint.Runtimes.Common;
using Flint.Runtimes.Oci;

namespace Flint.Runtimes.Docker;

/// <summary>
/// Boots each instance with the Docker engine: the image loaded into the daemon once per digest,
/// then <c>docker run --detach --network host --read-only</c>, its output followed with
/// <c>docker logs</c>, a readiness probe on its loopback port, and <c>docker rm --force</c> to stop.
/// Containers are not run with <c>--rm</c>: a container that dies at start keeps its logs until
/// Flint has read them, and every path ends in <c>rm --force</c>.
/// </summary>
internal sealed class DockerRuntime : IInstanceRuntime, IAsyncDisposable
{
    private static readonly TimeSpan LogsDrain = TimeSpan.FromSeconds(10);

    private readonly DockerCli _docker;
    private readonly DockerImageLoader _images;
    private readonly Func<RuntimeAvailability> _availability;
    private readonly ConcurrentDictionary<string, Instance> _live = new();
    private readonly ConcurrentDictionary<string, byte> _mine = new(StringComparer.Ordinal);

    public DockerRuntime(DockerCli docker, Func<RuntimeAvailability> availability)
    {
        _docker = docker;
        _images = new DockerImageLoader(docker);
        _availability = availability;
    }

    public string Name => RuntimeNames.Docker;

    public RuntimeAvailability CheckAvailability() => _availability();

    public async Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var phases = PhaseTimeline.StartNow();
        phases.Mark(InstancePhases.Create);
        var name = ContainerIds.New(spec.FunctionName);
        _mine[name] = 0;
        var lease = LoopbackPorts.Lease();
        var port = lease.Port;
        DockerContainer? container = null;
        try
        {
            var tag = await _images.EnsureLoadedAsync(spec.FunctionName, spec.Image).ConfigureAwait(false);
            phases.Mark(DockerPhases.Image);
            var environment = InstanceEnvironment.For(spec, port).Select(e => $"{e.Key}={e.Value}");
            lease.Handoff();
            await _docker.RunDetachedAsync(name, spec.FunctionName, tag, environment, spec.Limits, cancellationToken).ConfigureAwait(false);
            phases.Mark(InstancePhases.Launched);
            container = new DockerContainer(name, _docker.FollowLogs(name), lease, spec.Log);
            var instance = new Instance(name, Name, port, phases, container);
            _live[name] = instance;
            var ready = await DockerReadiness.WaitAsync(
                port, spec.StartTimeout, () => container.HasExited, c => _docker.MainPidAsync(name, c), cancellationToken).ConfigureAwait(false);
            phases.Mark(InstancePhases.Ready, ready);
            return instance;
        }
        catch (Exception e)
        {
            // Without a container handle the removal does not ask the daemon, so ask first.
            var oomKilled = container is null && await _docker.WasOomKilledAsync(name, CancellationToken.None).ConfigureAwait(false);
            await RemoveAsync(name, container, phases).ConfigureAwait(false);
            oomKilled |= container?.OomKilled == true;
            lease.Dispose();
            if (e is OperationCanceledException)
            {
                throw;
            }

            var message = $"docker: instance {name} of '{spec.FunctionName}' failed to start: "
                + (oomKilled ? $"{OomKill.Message} ({spec.Limits.MemoryBytes} bytes)" : e.Message);
            var failure = new InstanceStartException(message, container?.OutputTail() ?? "");
            throw oomKilled ? OomKill.Mark(failure) : failure;
        }
    }

    /// <summary>Removes the container and records how it ended: the daemon's <c>State.OOMKilled</c> (read by the removal, before it) and its last lines.</summary>
    public async Task StopAsync(Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var container = (DockerContainer)instance.RuntimeState;
        await RemoveAsync(container.Name, container, instance.Phases).ConfigureAwait(false);
        instance.RecordEnd(new InstanceEnd(container.OomKilled, container.OutputTail()));
    }

    /// <summary>
    /// Removes the containers an earlier host on the same state directory left (they carry its owner
    /// label), except those this runtime started itself. Nothing to do while no daemon answers.
    /// </summary>
    public async Task<int> SweepLeftoversAsync(CancellationToken cancellationToken)
    {
        if (!_availability().IsAvailable)
        {
            return 0;
        }

        var removed = 0;
        foreach (var name in await _docker.OwnedContainersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!_mine.ContainsKey(name))
            {
                (await _docker.RemoveForceAsync(name, cancellationToken).ConfigureAwait(false)).ThrowIfFailed();
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Removes every container this runtime still holds.</summary>
    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_live.Values.Select(i => StopAsync(i, CancellationToken.None))).ConfigureAwait(false);

    private Task RemoveAsync(string name, DockerContainer? container, PhaseTimeline phases)
    {
        async Task Remove()
        {
            try
            {
                if (container is not null)
                {
                    container.OomKilled = await _docker.WasOomKilledAsync(name, CancellationToken.None).ConfigureAwait(false);
                }

                (await _docker.RemoveForceAsync(name, CancellationToken.None).ConfigureAwait(false)).ThrowIfFailed();
                phases.Mark(DockerPhases.Removed);
                if (container is not null)
                {
                    await Task.WhenAny(container.Exited, Task.Delay(LogsDrain)).ConfigureAwait(false);
                }
            }
            finally
            {
                container?.Dispose();
                _live.TryRemove(name, out _);
                _mine.TryRemove(name, out _);
            }

            phases.Mark(InstancePhases.Stopped);
        }

        return container is null ? Remove() : container.TeardownOnce(Remove);
    }
}
