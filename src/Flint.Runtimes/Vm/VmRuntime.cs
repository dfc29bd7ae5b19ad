using System.Collections.Concurrent;
using System.Security.Cryptography;
using Flint.Images;
using Flint.Runtimes.Common;
using Flint.Vm;

namespace Flint.Runtimes.Vm;

/// <summary>
/// Runs the image's static executable in a Flint VM: no guest kernel, the monitor emulates Linux. The runtime
/// creates the instance's listening socket and lends it to the guest, so the instance is ready the moment the
/// guest calls listen() (no probing). KVM is used where it boots a guest, the emulated CPU elsewhere; which one is
/// named in the availability. Every live instance is tracked so that disposing the runtime stops them all.
/// </summary>
internal sealed class VmRuntime(RuntimeOptions options, VmPlatformChoice platform = VmPlatformChoice.Auto) : IInstanceRuntime, IAsyncDisposable
{
    private const long MinMemoryBytes = 16L << 20;
    private const long MaxMemoryBytes = 1L << 30;
    private const long PageSize = 4096;
    private readonly ConcurrentDictionary<string, VmInstance> _live = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    /// <summary><c>vm</c> when the platform is chosen per host, <c>vm-emulated</c> when it is the emulated CPU always.</summary>
    public string Name { get; } = platform == VmPlatformChoice.Emulated ? RuntimeNames.VmEmulated : RuntimeNames.Vm;

    public RuntimeAvailability CheckAvailability()
    {
        var platforms = VmPlatform.All;
        var name = VmPlatform.Name(VmPlatform.Resolve(platform));
        if (platforms.FirstOrDefault(p => p.Available && p.Name == name) is { } available)
        {
            return new RuntimeAvailability(true, $"{Name} ({available.Name})");
        }

        return RuntimeAvailability.Unavailable(string.Join("; ", platforms.Select(p => $"{p.Name}: {p.Reason}")));
    }

    public async Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var phases = PhaseTimeline.StartNow();
        phases.Mark(InstancePhases.Create);
        var id = $"{spec.FunctionName}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var (root, executable) = Unpack(spec.Image);
        var vm = VmInstance.Create(id, spec.Log);
        _live[id] = vm;
        var environment = InstanceEnvironment.For(spec, vm.Port);
        try
        {
            vm.Start(new VmRunOptions
            {
                ElfPath = executable,
                GuestPath = "/" + spec.Image.Entrypoint[0].TrimStart('/'),
                Args = [.. spec.Image.Entrypoint.Skip(1)],
                Env = [.. environment.Select(e => $"{e.Key}={e.Value}")],
                RootDirectory = root,
                MemoryLimitBytes = MemoryLimit(spec.Limits),
                Platform = platform,
            }, () => phases.Mark(VmPhases.Listening));
        }
        catch (ArgumentException e)
        {
            await StopAsync(id, vm, phases).ConfigureAwait(false);
            throw new InstanceStartException($"instance {id}: the image cannot run in a VM: {e.Message}", e);
        }

        phases.Mark(InstancePhases.Launched);
        try
        {
            await WaitForListenAsync(vm, spec.StartTimeout, cancellationToken).ConfigureAwait(false);
            phases.Mark(InstancePhases.Ready);
        }
        catch (Exception e) when (e is InstanceStartException or OperationCanceledException)
        {
            await StopAsync(id, vm, phases).ConfigureAwait(false);
            if (e is InstanceStartException)
            {
                throw new InstanceStartException($"instance {id}: {e.Message}", vm.OutputTail());
            }

            throw;
        }

        if (_disposed)
        {
            await StopAsync(id, vm, phases).ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(VmRuntime));
        }

        return new Instance(id, Name, vm.Port, phases, vm);
    }

    public Task StopAsync(Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.RuntimeState is not VmInstance vm)
        {
            throw new ArgumentException($"instance {instance.Id} was not started by the {Name} runtime", nameof(instance));
        }

        return StopAsync(instance.Id, vm, instance.Phases);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await Task.WhenAll(_live.Values.Select(vm => vm.StopAsync())).ConfigureAwait(false);
        _live.Clear();
    }

    /// <summary>The spec's memory limit as guest RAM: whole pages, within what a Flint VM accepts.</summary>
    internal static ulong MemoryLimit(ResourceLimits limits)
    {
        if (limits.MemoryBytes is not { } bytes)
        {
            return VmRunOptions.DefaultMemoryLimitBytes;
        }

        var pages = (Math.Clamp(bytes, MinMemoryBytes, MaxMemoryBytes) + PageSize - 1) / PageSize;
        return (ulong)(pages * PageSize);
    }

    private static async Task WaitForListenAsync(VmInstance vm, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var run = vm.Run!;
        using var waitOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = await Task.WhenAny(vm.Listening, run, Task.Delay(timeout, waitOver.Token)).ConfigureAwait(false);
        await waitOver.CancelAsync().ConfigureAwait(false);
        if (first == vm.Listening)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (first != run)
        {
            throw new InstanceStartException($"the guest did not listen within {timeout.TotalSeconds:0.###} s");
        }

        if (run.IsFaulted)
        {
            var error = run.Exception!.InnerException!;
            throw new InstanceStartException($"the VM could not run the image: {error.Message}", error);
        }

        var result = await run.ConfigureAwait(false);
        var failure = result.Failure is { } detail ? $": {detail}" : "";
        throw new InstanceStartException($"the guest exited before listening (exit status {result.ExitCode}){failure}");
    }

    private async Task StopAsync(string id, VmInstance vm, PhaseTimeline phases)
    {
        await vm.StopAsync().ConfigureAwait(false);
        _live.TryRemove(id, out _);
        phases.Mark(InstancePhases.Stopped);
    }

    private (string Root, string Executable) Unpack(FunctionImage image)
    {
        try
        {
            var root = image.UnpackRootfs(options.CacheDirectory);
            return (root, Path.Combine(root, image.Entrypoint[0].TrimStart('/')));
        }
        catch (Exception e) when (e is ImageException or IOException or UnauthorizedAccessException)
        {
            throw new InstanceStartException($"could not unpack image {image.ManifestDigest}: {e.Message}", e);
        }
    }
}
