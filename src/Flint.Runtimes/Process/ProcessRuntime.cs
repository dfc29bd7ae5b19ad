using System.Collections.Concurrent;
using System.Security.Cryptography;
using Flint.Images;
using Flint.Runtimes.Common;

namespace Flint.Runtimes.Process;

/// <summary>
/// The baseline runtime: the image's executable runs as a plain child process of the host, with
/// the image's environment, the spec's, and its listening socket as descriptor 3 (<c>LISTEN_FDS</c>;
/// see <see cref="InstanceListener"/>). Nothing isolates it, and resource limits are not enforced (an
/// address-space limit would break NativeAOT, which reserves large virtual ranges up front). Every
/// live instance is tracked so that disposing the runtime, or the host process exiting, leaves no
/// process behind; a host killed outright takes its instances with it (<see cref="ProcessLauncher"/>),
/// and the next host sweeps whatever escaped (<see cref="ProcessLeftovers"/>).
/// </summary>
internal sealed class ProcessRuntime : IInstanceRuntime, IAsyncDisposable
{
    private readonly RuntimeOptions _options;
    private readonly ProcessLauncher? _launcher = ProcessLauncher.Find();
    private readonly ProcessLeftovers _leftovers;
    private readonly ConcurrentDictionary<string, ProcessInstance> _live = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    public ProcessRuntime(RuntimeOptions options)
    {
        _options = options;
        _leftovers = new ProcessLeftovers(options.StateDirectory);
        AppDomain.CurrentDomain.ProcessExit += OnHostExit;
    }

    public string Name => RuntimeNames.Process;

    public RuntimeAvailability CheckAvailability() => _launcher is null
        ? RuntimeAvailability.Unavailable($"the process runtime starts functions through its '{ProcessLauncher.BuiltLauncher}' (not built: no C compiler) or else 'setpriv' and 'sh' (Debian packages util-linux and dash), and this host lacks one")
        : RuntimeAvailability.Available;

    public Task<int> SweepLeftoversAsync(CancellationToken cancellationToken) => Task.FromResult(_leftovers.Sweep());

    public async Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var phases = PhaseTimeline.StartNow();
        phases.Mark(InstancePhases.Create);
        var id = $"{spec.FunctionName}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var launcher = _launcher ?? throw new InstanceStartException(CheckAvailability().Reason ?? "the process runtime is unavailable");
        var executable = Executable(spec.Image);
        var listener = InstanceListener.Open();
        var process = ProcessInstance.Launch(id, launcher, executable, InstanceEnvironment.ForSocketActivation(spec, listener, listenPid: null), listener, spec.Log);
        _live[id] = process;
        phases.Mark(InstancePhases.Launched);
        try
        {
            _leftovers.Record(id, process.Pid);
            var ready = await listener.WaitUntilAcceptingAsync(spec.StartTimeout, () => process.HasExited, cancellationToken).ConfigureAwait(false);
            phases.Mark(InstancePhases.Ready, ready);
        }
        catch (Exception e) when (e is InstanceStartException or OperationCanceledException or IOException)
        {
            await StopAsync(id, process, phases, CancellationToken.None).ConfigureAwait(false);
            if (e is InstanceStartException)
            {
                var exit = process.ExitCode is { } code ? $" (exit status {code})" : "";
                throw new InstanceStartException($"instance {id}: {e.Message}{exit}", process.OutputTail());
            }

            throw;
        }

        if (_disposed)
        {
            await StopAsync(id, process, phases, CancellationToken.None).ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(ProcessRuntime));
        }

        return new Instance(id, Name, listener.Port, phases, process);
    }

    public Task StopAsync(Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.RuntimeState is not ProcessInstance process)
        {
            throw new ArgumentException($"instance {instance.Id} was not started by the {Name} runtime", nameof(instance));
        }

        return StopAsync(instance.Id, process, instance.Phases, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= OnHostExit;
        await Task.WhenAll(_live.Values.Select(p => p.StopAsync(_options.StopGracePeriod, CancellationToken.None))).ConfigureAwait(false);
        _live.Clear();
    }

    private async Task StopAsync(string id, ProcessInstance process, PhaseTimeline phases, CancellationToken cancellationToken)
    {
        await process.StopAsync(_options.StopGracePeriod, cancellationToken).ConfigureAwait(false);
        _live.TryRemove(id, out _);
        _leftovers.Forget(id);
        phases.Mark(InstancePhases.Stopped);
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
    }
}
