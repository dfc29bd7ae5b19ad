using Flint.Vm.Linux;
using Flint.Vm.Linux.Net;
using Flint.Vm.Monitor;

namespace Flint.Vm;

/// <summary>
/// Runs one static Linux executable in a fresh Flint VM and reports how it ended. The guest runs on a dedicated
/// thread (its vCPU thread). The timeout starts before boot; it and cancellation stop the ELF loader, kick the
/// guest out of KVM_RUN and end host writes blocked on the guest's behalf.
/// </summary>
public static class VmRunner
{
    /// <exception cref="Kvm.KvmUnavailableException">KVM was asked for and the host has no /dev/kvm.</exception>
    /// <exception cref="Loader.ElfFormatException">The file is not a static x86-64 executable.</exception>
    /// <exception cref="VmSetupException">KVM refused a setup step; the message names it and the errno.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> stopped the guest.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The memory limit is not a page multiple between 16 MiB and 1 GiB.</exception>
    /// <exception cref="ArgumentException">The guest path is not absolute.</exception>
    public static Task<VmRunResult> RunAsync(VmRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Args);
        ArgumentNullException.ThrowIfNull(options.Env);
        if (options.MemoryLimitBytes is < Layout.MinGuestMemory or > Layout.MaxGuestMemory || options.MemoryLimitBytes % Layout.PageSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MemoryLimitBytes, "MemoryLimitBytes must be a multiple of 4 KiB between 16 MiB and 1 GiB");
        }

        if (options.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), timeout, "Timeout must be positive");
        }

        ArgumentNullException.ThrowIfNull(options.ResourceLimits);
        if (options.ResourceLimits.FirstOrDefault(l => l.Resource < 0 || l.Soft > l.Hard) is { } bad)
        {
            throw new ArgumentException($"resource limit {bad.Name} ({bad.Soft}/{bad.Hard}) is not a Linux limit with soft <= hard", nameof(options));
        }

        if (options.WorkingDirectory is { } cwd && (!cwd.StartsWith('/') || cwd.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"WorkingDirectory must be an absolute path: '{cwd}'", nameof(options));
        }

        var guestPath = options.GuestPath ?? "/" + Path.GetFileName(options.ElfPath);
        if (!guestPath.StartsWith('/') || guestPath.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"GuestPath must be an absolute path: '{guestPath}'", nameof(options));
        }

        byte[] elf;
        try
        {
            // A restore needs no executable: the snapshot holds the loaded image.
            elf = options.RestoreFrom is null ? File.ReadAllBytes(options.ElfPath) : [];
        }
        catch (IOException e)
        {
            return Task.FromException<VmRunResult>(e);
        }
        catch (UnauthorizedAccessException e)
        {
            return Task.FromException<VmRunResult>(e);
        }

        var completion = new TaskCompletionSource<VmRunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(Run(options, elf, guestPath, cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                completion.SetCanceled(cancellationToken);
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "flint-vcpu",
        };
        thread.Start();
        return completion.Task;
    }

    internal static VmRunResult ToResult(GuestProcess process, VcpuOutcome outcome, bool timedOut)
    {
        ArgumentNullException.ThrowIfNull(process);
        var result = Outcome(process, outcome, timedOut);
        var diedOfIt = process.Memory.LimitRefused && (outcome == VcpuOutcome.Killed || (outcome == VcpuOutcome.Exited && result.ExitCode != 0));
        return result with { Platform = process.Cpu.Platform, MemoryLimitExceeded = diedOfIt };
    }

    private static VmRunResult Outcome(GuestProcess process, VcpuOutcome outcome, bool timedOut)
    {
        return outcome switch
        {
            VcpuOutcome.Exited => new VmRunResult(process.ExitCode ?? 0, null, false, process.Report),
            VcpuOutcome.Killed => new VmRunResult(128 + (process.TerminatingSignal ?? Signal.SIGKILL), process.TerminatingSignal ?? Signal.SIGKILL, false, process.Report),
            VcpuOutcome.Stopped => new VmRunResult(128 + Signal.SIGKILL, Signal.SIGKILL, timedOut, process.Report),
            _ => new VmRunResult(128 + Signal.SIGKILL, Signal.SIGKILL, false, process.Report,
                $"the {process.Cpu.Platform} platform could not continue running the guest{(process.FailureDetail is { } detail ? ": " + detail : string.Empty)}"),
        };
    }

    private static VmRunResult Run(VmRunOptions options, byte[] elf, string guestPath, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource();
        if (options.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var tracer = options.TraceWriter is null ? null : new SyscallTracer(options.TraceWriter);
        var processOptions = new GuestProcessOptions(
            options.Stdout ?? Stream.Null, options.Stderr ?? Stream.Null, guestPath, TimeProvider.System, tracer, stop.Token)
        {
            RootDirectory = options.RootDirectory,
            Network = new GuestNetwork(options.ListenSocket, options.Listening, options.AllowOutbound),
            WorkingDirectory = options.WorkingDirectory ?? "/",
            ResourceLimits = options.ResourceLimits,
        };
        MicroVm vm;
        try
        {
            vm = options.RestoreFrom is { } snapshot
                ? MicroVm.Restore(snapshot.TakeOrPrepare(), snapshot, processOptions)
                : MicroVm.Boot(VmPlatform.Open(options.Platform), options.MemoryLimitBytes, elf, options.Args, options.Env, processOptions);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Finish(options, new VmRunResult(128 + Signal.SIGKILL, Signal.SIGKILL, true, new SyscallReport())
            {
                Platform = VmPlatform.Name(VmPlatform.Resolve(options.Platform)),
            });
        }

        using (vm)
        {
            using var onStop = stop.Token.Register(vm.RequestStop);
            var taker = options.Snapshot is { } request && options.RestoreFrom is null
                ? Snapshots.SnapshotTaker.Start(vm.Process, vm.Process.Cpu.Platform, request)
                : null;
            VcpuOutcome outcome;
            try
            {
                outcome = vm.Run();
            }
            finally
            {
                vm.RequestStop();
                taker?.Join();
            }

            vm.Process.Stdout.Flush();
            vm.Process.Stderr.Flush();
            cancellationToken.ThrowIfCancellationRequested();
            return Finish(options, ToResult(vm.Process, outcome, timeout.IsCancellationRequested));
        }
    }

    private static VmRunResult Finish(VmRunOptions options, VmRunResult result)
    {
        if (options.TraceWriter is { } trace)
        {
            trace.WriteLine($"+++ exited with {result.ExitCode} on {result.Platform}{(result.TimedOut ? " (timed out)" : string.Empty)} +++");
            result.Report.WriteSummary(trace);
        }

        return result;
    }
}
