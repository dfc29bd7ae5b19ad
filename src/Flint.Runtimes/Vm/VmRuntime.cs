using System.Collections.Concurrent;
using System.Security.Cryptography;
using Flint.Images;
using Flint.Runtimes.Common;
using Flint.Vm;
using Flint.Vm.Snapshots;

namespace Flint.Runtimes.Vm;

/// <summary>
/// Runs the image's static executable in a Flint VM: no guest kernel, the monitor emulates Linux. The runtime
/// creates the instance's listening socket and lends it to the guest, so the instance is ready the moment the
/// guest calls listen() (no probing). KVM is used where it boots a guest, the emulated CPU elsewhere; which one is
/// named in the availability. Every live instance is tracked so that disposing the runtime stops them all.
/// </summary>
internal sealed class VmRuntime(RuntimeOptions options, VmPlatformChoice platform = VmPlatformChoice.Auto, bool snapshots = false) : IInstanceRuntime, IAsyncDisposable
{
    private const long MinMemoryBytes = 16L << 20;
    private const long MaxMemoryBytes = 1L << 30;
    private const long PageSize = 4096;
    private readonly ConcurrentDictionary<string, VmInstance> _live = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    /// <summary><c>vm</c> when the platform is chosen per host, <c>vm-emulated</c> when it is the emulated CPU always.</summary>
    private readonly SnapshotStore? _snapshots = snapshots ? new SnapshotStore(Path.Combine(options.StateDirectory, "snapshots")) : null;

    public string Name { get; } = (platform == VmPlatformChoice.Emulated, snapshots) switch
    {
        (false, false) => RuntimeNames.Vm,
        (true, false) => RuntimeNames.VmEmulated,
        (false, true) => RuntimeNames.VmSnapshot,
        (true, true) => RuntimeNames.VmSnapshotEmulated,
    };

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
        try
        {
            return await StartOnceAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (RestoreFailedException e)
        {
            // The snapshot is dropped; this start boots (and snapshots again) instead of failing the request.
            spec.Log.Write(spec.FunctionName, OutputChannel.Stderr, $"restore failed, booting instead: {e.Message}");
            _snapshots!.Discard(e.Key);
            return await StartOnceAsync(spec, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Instance> StartOnceAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        var phases = PhaseTimeline.StartNow();
        phases.Mark(InstancePhases.Create);
        var id = $"{spec.FunctionName}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var (root, executable) = Unpack(spec.Image);
        var vm = VmInstance.Create(id, spec.Log);
        _live[id] = vm;
        var environment = InstanceEnvironment.For(spec, vm.Port);
        var limit = MemoryLimit(spec.Limits);
        var (key, restore, snapshot) = PlanSnapshot(spec, id, environment, limit);
        try
        {
            vm.Start(new VmRunOptions
            {
                ElfPath = executable,
                GuestPath = "/" + spec.Image.Entrypoint[0].TrimStart('/'),
                Args = [.. spec.Image.Entrypoint.Skip(1)],
                Env = [.. environment.Select(e => $"{e.Key}={e.Value}")],
                RootDirectory = root,
                MemoryLimitBytes = limit,
                Platform = platform,
                RestoreFrom = restore,
                Snapshot = snapshot,
            }, () => phases.Mark(restore is null ? VmPhases.Listening : VmPhases.Restored));
        }
        catch (ArgumentException e)
        {
            await StopAsync(id, vm, phases).ConfigureAwait(false);
            throw new InstanceStartException($"instance {id}: the image cannot run in a VM: {e.Message}", e);
        }

        phases.Mark(InstancePhases.Launched);
        try
        {
            await WaitForListenAsync(vm, spec.StartTimeout, limit, cancellationToken).ConfigureAwait(false);
            if (snapshot is not null && await WarmUpAndSnapshotAsync(vm, id, spec, cancellationToken).ConfigureAwait(false))
            {
                phases.Mark(VmPhases.Snapshotted);
            }

            phases.Mark(InstancePhases.Ready);
        }
        catch (InstanceStartException e) when (restore is not null && e.InnerException is SnapshotException)
        {
            await StopAsync(id, vm, phases).ConfigureAwait(false);
            throw new RestoreFailedException(key!, e.InnerException.Message, e);
        }
        catch (Exception e) when (e is InstanceStartException or OperationCanceledException or TimeoutException)
        {
            await StopAsync(id, vm, phases).ConfigureAwait(false);
            if (e is InstanceStartException)
            {
                var failure = new InstanceStartException($"instance {id}: {e.Message}", vm.OutputTail());
                throw Oci.OomKill.WasMemoryLimitExceeded(e) ? Oci.OomKill.Mark(failure) : failure;
            }

            if (e is TimeoutException)
            {
                throw new InstanceStartException($"instance {id}: the snapshot was not taken within {spec.StartTimeout.TotalSeconds:0.###} s", vm.OutputTail());
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

    /// <summary>
    /// No client's request reaches a booting instance before its snapshot is taken: it answers the warm-up request,
    /// closes that connection, and is snapshotted when every thread blocks again. False when no snapshot could be
    /// taken (logged; the instance serves anyway).
    /// </summary>
    private static async Task<bool> WarmUpAndSnapshotAsync(VmInstance vm, string id, InstanceSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            if (await WarmUpRequest.SendAsync(vm.Port, spec.StartTimeout, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                spec.Log.Write(id, OutputChannel.Stderr, $"warm-up request before the snapshot: {problem}");
            }

            vm.WarmedUp();
            await vm.SnapshotTaken.WaitAsync(spec.StartTimeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InstanceStartException("the guest stopped before its snapshot was taken");
        }
        catch (Exception e) when (e is SnapshotException or IOException or UnauthorizedAccessException or VmSetupException)
        {
            return false;
        }
    }

    /// <summary>For <c>vm-snapshot</c>: restore from the function's snapshot, or boot and take it, or (while another boot takes it, or where it cannot be taken) just boot.</summary>
    private (string? Key, VmSnapshot? Restore, SnapshotRequest? Request) PlanSnapshot(InstanceSpec spec, string id,
        IReadOnlyDictionary<string, string> environment, ulong limit)
    {
        if (_snapshots is not { } store)
        {
            return (null, null, null);
        }

        var key = SnapshotStore.Key(spec, environment, limit, VmPlatform.Name(VmPlatform.Resolve(platform)));
        void Log(string line) => spec.Log.Write(id, OutputChannel.Stderr, line);
        if (store.Find(key, Log) is { } snapshot)
        {
            if (options.PreparedRestores > 0)
            {
                snapshot.KeepPrepared(options.PreparedRestores);
            }

            return (key, snapshot, null);
        }

        if (!store.TryBeginTaking(key))
        {
            return (key, null, null);
        }

        return (key, null, new SnapshotRequest(store.PathFor(key), key)
        {
            Completed = failure =>
            {
                store.EndTaking(key, failure, permanent: failure is SnapshotException);
                if (failure is not null)
                {
                    Log($"no snapshot taken: {failure.Message}");
                }
            },
        });
    }

    public Task StopAsync(Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.RuntimeState is not VmInstance vm)
        {
            throw new ArgumentException($"instance {instance.Id} was not started by the {Name} runtime", nameof(instance));
        }

        return StopAndRecordEndAsync(instance, vm);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await Task.WhenAll(_live.Values.Select(vm => vm.StopAsync())).ConfigureAwait(false);
        _live.Clear();
        _snapshots?.Dispose();
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

    private static async Task WaitForListenAsync(VmInstance vm, TimeSpan timeout, ulong limit, CancellationToken cancellationToken)
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
        if (result.MemoryLimitExceeded)
        {
            throw Oci.OomKill.Mark(new InstanceStartException($"the guest was {Oci.OomKill.Message} ({limit} bytes) before listening (exit status {result.ExitCode})"));
        }

        var failure = result.Failure is { } detail ? $": {detail}" : "";
        throw new InstanceStartException($"the guest exited before listening (exit status {result.ExitCode}){failure}");
    }

    /// <summary>Stops the instance and records how it ended: a guest that died of its memory limit ended for its memory, as an OOM kill would.</summary>
    private async Task StopAndRecordEndAsync(Instance instance, VmInstance vm)
    {
        await StopAsync(instance.Id, vm, instance.Phases).ConfigureAwait(false);
        instance.RecordEnd(new InstanceEnd(vm.Result is { MemoryLimitExceeded: true }, vm.OutputTail()));
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
