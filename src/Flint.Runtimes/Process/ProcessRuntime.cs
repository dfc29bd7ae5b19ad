using System.Collections.Concurrent;
using System.Security.Cryptography;
using Flint.Images;
using Flint.Runtimes.Common;

namespace Flint.Runtimes.Process;

/// <summary>
/// The baseline runtime: the image's executable runs as a child process of the host, with the image's
/// environment, the spec's, and its listening socket as descriptor 3 (<c>LISTEN_FDS</c>; see
/// <see cref="InstanceListener"/>). It shares the host's file system, network and kernel, with least
/// privilege (<see cref="ProcessLauncher"/>, <see cref="ProcessSandbox"/>): a uid of its own, its own
/// cgroup with the spec's memory, CPU and pid limits, a private working directory, no descriptors but
/// its own, no new privileges and a seccomp filter. The launcher enters the sandbox and then holds
/// (<see cref="PreparedStart"/>); a start only lets it exec the function, and a stopped instance has the
/// function's next start prepared (<see cref="SandboxPool"/>). Every
/// live instance is tracked so that disposing the runtime, or the host process exiting, leaves no
/// process behind; a host killed outright takes its instances with it (<see cref="ProcessLauncher"/>),
/// and the next host sweeps whatever escaped (<see cref="ProcessLeftovers"/>).
/// </summary>
internal sealed class ProcessRuntime : IInstanceRuntime, IAsyncDisposable
{
    private readonly RuntimeOptions _options;
    private readonly ProcessLauncher? _launcher = ProcessLauncher.Find();
    private readonly ProcessLeftovers _leftovers;
    private readonly FunctionUids? _uids;
    private readonly ConcurrentDictionary<string, ProcessInstance> _live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProcessSandbox> _sandboxes = new(StringComparer.Ordinal);
    private readonly SandboxPool _pool;
    private readonly ConcurrentDictionary<string, (StartKey Key, InstanceSpec Spec)> _poolKeys = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    public ProcessRuntime(RuntimeOptions options)
    {
        _options = options;
        _leftovers = new ProcessLeftovers(options.StateDirectory);
        _uids = _launcher is { IsPrivileged: true } ? new FunctionUids(options.ProcessUids) : null;
        _pool = new SandboxPool(_leftovers);
        AppDomain.CurrentDomain.ProcessExit += OnHostExit;
    }

    public string Name => RuntimeNames.Process;

    public RuntimeAvailability CheckAvailability() => _launcher switch
    {
        null => RuntimeAvailability.Unavailable(
            $"the process runtime starts functions through {ProcessLauncher.HelperPath} (scripts/setup.sh builds it), or else 'setpriv' and 'sh' (Debian packages util-linux and dash), and this host lacks them"),
        { Limitation: { } limitation } => RuntimeAvailability.Degraded(limitation),
        _ => RuntimeAvailability.Available,
    };

    public Task<int> SweepLeftoversAsync(CancellationToken cancellationToken) => Task.FromResult(_leftovers.Sweep());

    public async Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var phases = PhaseTimeline.StartNow();
        phases.Mark(InstancePhases.Create);
        var launcher = _launcher ?? throw new InstanceStartException(CheckAvailability().Reason ?? "the process runtime is unavailable");
        var executable = Executable(spec.Image);
        var key = StartKey.For(spec, executable);
        var prepared = _pool.Take(key) ?? Prepare(key, spec, launcher);
        var (id, sandbox, process) = (prepared.Id, prepared.Sandbox, prepared.Process);
        phases.Mark(ProcessPhases.Sandbox);
        _sandboxes[id] = sandbox;
        _live[id] = process;
        _poolKeys[id] = (key, spec);
        process.Go();
        phases.Mark(InstancePhases.Launched);
        var accepting = AcceptingAsync(id, process, AcceptProbe.Connect(process.Listener), spec, phases, cancellationToken);
        if (spec.HandOffAtLaunch)
        {
            return new Instance(id, Name, process.Listener.Port, phases, process, accepting);
        }

        await accepting.ConfigureAwait(false);
        return new Instance(id, Name, process.Listener.Port, phases, process);
    }

    public Task StopAsync(Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.RuntimeState is not ProcessInstance process)
        {
            throw new ArgumentException($"instance {instance.Id} was not started by the {Name} runtime", nameof(instance));
        }

        return StopAndRecordAsync(instance, process, cancellationToken);
    }

    private async Task StopAndRecordAsync(Instance instance, ProcessInstance process, CancellationToken cancellationToken)
    {
        var oomKilled = await StopAsync(instance.Id, process, instance.Phases, cancellationToken, refill: true).ConfigureAwait(false);
        instance.RecordEnd(new InstanceEnd(oomKilled, process.OutputTail()));
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= OnHostExit;
        await Task.WhenAll(_live.Select(p => StopAsync(p.Key, p.Value, phases: null, CancellationToken.None))).ConfigureAwait(false);
        _live.Clear();
        await _pool.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the process, then removes its sandbox; returns whether its cgroup saw an OOM kill. With
    /// <paramref name="refill"/> (an instance stopped after serving), a sandbox is made for the function's next start.
    /// </summary>
    private async Task<bool> StopAsync(string id, ProcessInstance process, PhaseTimeline? phases, CancellationToken cancellationToken, bool refill = false)
    {
        await process.StopAsync(_options.StopGracePeriod, cancellationToken).ConfigureAwait(false);
        var oomKilled = false;
        if (_sandboxes.TryRemove(id, out var sandbox))
        {
            oomKilled = sandbox.WasOomKilled;
            sandbox.Dispose();
        }

        _live.TryRemove(id, out _);
        _leftovers.Forget(id);
        if (_poolKeys.TryRemove(id, out var next) && refill && !_disposed && _launcher is { CanHold: true } launcher)
        {
            // Prepared now, off the request path, for this function's next cold start.
            await _pool.RefillAsync(next.Key, () => Prepare(next.Key, next.Spec, launcher)).ConfigureAwait(false);
        }

        phases?.Mark(InstancePhases.Stopped);
        return oomKilled;
    }

    /// <summary>
    /// Waits until the launched instance accepts and marks <see cref="InstancePhases.Ready"/>; when it exits,
    /// times out or the start is cancelled first, stops it and throws (naming an OOM kill as such).
    /// </summary>
    private async Task AcceptingAsync(string id, ProcessInstance process, AcceptProbe probe, InstanceSpec spec, PhaseTimeline phases, CancellationToken cancellationToken)
    {
        using var probed = probe;
        if (spec.HandOffAtLaunch)
        {
            // The caller forwards its request meanwhile (queued behind the probe): the record is not in its way.
            await Task.Yield();
        }

        try
        {
            var ready = await probe.WaitAsync(spec.StartTimeout, () => process.HasExited, cancellationToken).ConfigureAwait(false);
            phases.Mark(InstancePhases.Ready, ready);
        }
        catch (Exception e) when (e is InstanceStartException or OperationCanceledException or IOException)
        {
            var oomKilled = await StopAsync(id, process, phases, CancellationToken.None).ConfigureAwait(false);
            if (e is InstanceStartException)
            {
                var exit = process.ExitCode is { } code ? $" (exit status {code})" : "";
                var reason = oomKilled ? $"{Oci.OomKill.Message} ({spec.Limits.MemoryBytes} bytes)" : e.Message;
                var failure = new InstanceStartException($"instance {id}: {reason}{exit}", process.OutputTail());
                throw oomKilled ? Oci.OomKill.Mark(failure) : failure;
            }

            throw;
        }

        if (_disposed)
        {
            await StopAsync(id, process, phases, CancellationToken.None).ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(ProcessRuntime));
        }
    }

    private string Executable(FunctionImage image)
    {
        try
        {
            return image.ExecutablePath(_options.CacheDirectory);
        }
        catch (Exception e) when (e is ImageException or IOException or UnauthorizedAccessException)
        {
            throw new InstanceStartException($"could not unpack image {image.ManifestDigest}: {e.Message}", e);
        }
    }

    private void OnHostExit(object? sender, EventArgs e)
    {
        foreach (var process in _live.Values)
        {
            process.KillNow();
        }

        _pool.KillNow();
        foreach (var sandbox in _sandboxes.Values)
        {
            sandbox.Dispose();
        }
    }

    /// <summary>
    /// Makes the sandbox and launches the function's launcher in it, held where the launcher can hold (the
    /// function's exec then waits for <see cref="ProcessInstance.Go"/>), and records it as this host's.
    /// </summary>
    private PreparedStart Prepare(StartKey key, InstanceSpec spec, ProcessLauncher launcher)
    {
        var sandbox = ProcessSandbox.Create(NewId(spec.FunctionName), spec.Limits, _options.StateDirectory, _uids);
        try
        {
            var listener = InstanceListener.Open();
            var process = ProcessInstance.Launch(
                sandbox.Id, launcher, sandbox, key.Executable, InstanceEnvironment.ForSocketActivation(spec, listener, listenPid: null), listener, spec.Log, held: launcher.CanHold);
            _leftovers.Record(sandbox.Id, process.Pid);
            return new PreparedStart(key, sandbox, process);
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    private static string NewId(string function) => $"{function}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
