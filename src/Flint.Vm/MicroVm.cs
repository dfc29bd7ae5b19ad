using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using Flint.Vm.Cpu;
using Flint.Vm.Linux;
using Flint.Vm.Loader;
using Flint.Vm.Memory;
using Flint.Vm.Monitor;
using Thread = System.Threading.Thread;

namespace Flint.Vm;

/// <summary>One booted VM running one executable: its platform, guest memory, the process and its vCPU loop.</summary>
internal sealed class MicroVm : IDisposable
{
    private readonly IVmPlatform _platform;
    private readonly GuestMemory _memory;
    private readonly GuestAddress _pageTableRoot;
    private readonly SyscallTable _table;
    private readonly IVcpu _vcpu;
    private readonly VcpuLoop _loop;
    private readonly Lock _threadsLock = new();
    private readonly List<(Thread Host, IVcpu Vcpu)> _threads = [];
    private string? _threadFailure;
    private IReadOnlyList<Snapshots.ThreadImage>? _restoredThreads;

    private MicroVm(IVmPlatform platform, GuestMemory memory, GuestAddress pageTableRoot, SyscallTable table, IVcpu vcpu, GuestProcess process)
    {
        _platform = platform;
        _memory = memory;
        _pageTableRoot = pageTableRoot;
        _table = table;
        _vcpu = vcpu;
        Process = process;
        _loop = new VcpuLoop(vcpu, new TrapHandler(vcpu, process, table), process);
        process.Threads.Starter = StartThread;
    }

    public GuestProcess Process { get; }

    public IVcpu Vcpu => _vcpu;

    /// <summary>
    /// The boot path, top to bottom: map memory into the platform, build page tables (and, where the CPU enforces
    /// them, the monitor's trap pages), load the ELF, build the stack, create the vCPU. Takes ownership of
    /// <paramref name="platform"/>.
    /// </summary>
    public static MicroVm Boot(IVmPlatform platform, ulong memoryLimit, byte[] elf, IReadOnlyList<string> args, IReadOnlyList<string> env,
        GuestProcessOptions processOptions)
    {
        GuestMemory? memory = null;
        IVcpu? vcpu = null;
        try
        {
            memory = new GuestMemory(Layout.AddressSpaceSize, memoryLimit);
            platform.MapMemory(memory);

            var tables = new PageTables(memory, platform.HasNoExecute);
            var space = new AddressSpace(memory, tables);
            if (platform.UsesTrapPages)
            {
                MonitorPages.Install(memory, space);
            }

            var image = ElfLoader.Load(elf, memory, space.StackBottom.Value, processOptions.Stop);
            MapImage(space, memory, image);
            space.InitializeBreak(image.End);
            space.Map(space.StackBottom, Layout.StackSize, PageFlags.Mapped | PageFlags.Read | PageFlags.Write);
            var stack = InitialStack.Build(memory, space.StackTop, new InitialStackContents(
                [processOptions.ExecutablePath, .. args], env, processOptions.ExecutablePath, image,
                RandomNumberGenerator.GetBytes(16), HardwareCapabilities(), LinuxIdentity.UserId, LinuxIdentity.GroupId));

            vcpu = platform.CreateVcpu(tables.Root, InitialCpuState.Registers(image.Entry, stack));
            space.NeedsFlush = false;

            var process = new GuestProcess(space, vcpu, processOptions);
            return new MicroVm(platform, memory, tables.Root, SyscallTable.CreateDefault(), vcpu, process);
        }
        catch
        {
            vcpu?.Dispose();
            platform.Dispose();
            memory?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The restore path: the platform maps fresh memory, the snapshot's pages are mapped over it copy-on-write, the
    /// page tables, break, threads and process state come back as they were; each thread issues again the syscall
    /// it was blocked in when <see cref="Run"/> starts it. Takes ownership of <paramref name="platform"/>.
    /// </summary>
    public static MicroVm Restore(IVmPlatform platform, Snapshots.VmSnapshot snapshot, GuestProcessOptions processOptions)
    {
        if (snapshot.Platform != platform.Name)
        {
            platform.Dispose();
            throw new Snapshots.SnapshotException($"the snapshot was taken on {snapshot.Platform}, not {platform.Name}");
        }

        GuestMemory? memory = null;
        IVcpu? vcpu = null;
        try
        {
            memory = new GuestMemory(Layout.AddressSpaceSize, snapshot.MemoryLimitBytes);
            platform.MapMemory(memory);
            foreach (var run in snapshot.Runs)
            {
                memory.MapPrivate(snapshot.File, snapshot.DataOffset + run.Offset, new GuestAddress(run.FirstPage << Layout.PageShift), (ulong)run.Pages << Layout.PageShift);
            }

            foreach (var (first, pages, flags) in snapshot.FlagRuns)
            {
                memory.SetPageFlags(new GuestAddress(first << Layout.PageShift), (ulong)pages << Layout.PageShift, flags);
            }

            var tables = new PageTables(memory, platform.HasNoExecute, snapshot.NextPageTable);
            var space = new AddressSpace(memory, tables);
            space.RestoreBreak(new GuestAddress(snapshot.BreakStart), new GuestAddress(snapshot.Break));
            var main = snapshot.Threads[0];
            vcpu = RestoreVcpu(platform, tables.Root, main);
            var process = new GuestProcess(space, vcpu, processOptions);
            RestoreThread(process.Threads.Main, main);
            using (var state = snapshot.ProcessState())
            {
                Snapshots.ProcessStateCodec.Read(state, process);
            }

            return new MicroVm(platform, memory, tables.Root, SyscallTable.CreateDefault(), vcpu, process) { _restoredThreads = snapshot.Threads.Skip(1).ToList() };
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or FormatException)
        {
            vcpu?.Dispose();
            platform.Dispose();
            memory?.Dispose();
            throw new Snapshots.SnapshotException($"{snapshot.Path} cannot be restored: {e.Message}", e);
        }
        catch
        {
            vcpu?.Dispose();
            platform.Dispose();
            memory?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the main thread on the calling thread until the process exits, dies or is stopped, then waits for its
    /// other threads' host threads. The outcome is the process's.
    /// </summary>
    public VcpuOutcome Run()
    {
        GuestProcess.Attach(Process.Threads.Main);
        VcpuOutcome outcome;
        var restored = _restoredThreads;
        _restoredThreads = null;
        try
        {
            foreach (var image in restored ?? [])
            {
                StartRestoredThread(image);
            }

            _vcpu.BindToCurrentThread();
            outcome = _loop.RunToCompletion(resumeSyscall: restored is not null);
        }
        finally
        {
            GuestProcess.Attach(null);
        }

        if (outcome is not VcpuOutcome.ThreadExited)
        {
            StopThreads();
        }

        JoinThreads();
        if (_threadFailure is not null && Process.FailureDetail is null)
        {
            Process.FailureDetail = _threadFailure;
            return VcpuOutcome.Failed;
        }

        return Process.ExitCode is not null ? VcpuOutcome.Exited
            : Process.TerminatingSignal is not null ? VcpuOutcome.Killed
            : outcome is VcpuOutcome.ThreadExited ? VcpuOutcome.Stopped
            : outcome;
    }

    /// <summary>Thread-safe: stops every vCPU and ends every blocking host operation made for the guest.</summary>
    public void RequestStop()
    {
        Process.RequestStop();
        StopThreads();
    }

    public void Dispose()
    {
        StopThreads();
        JoinThreads();
        Process.Dispose();
        lock (_threadsLock)
        {
            foreach (var (_, vcpu) in _threads)
            {
                vcpu.Dispose();
            }

            _threads.Clear();
        }

        _vcpu.Dispose();
        _platform.Dispose();
        _memory.Dispose();
    }

    /// <summary>clone's other half: a vCPU for the new thread, its loop on a host thread of its own.</summary>
    private GuestThread StartThread(int id, Interop.Kvm.kvm_regs context, ulong fsBase)
    {
        var vcpu = _platform.CreateVcpu(_pageTableRoot, context);
        vcpu.FsBase = fsBase;
        var thread = new GuestThread(id, vcpu) { FlushedGeneration = Process.TranslationGeneration, BlockedMask = Process.Signals.BlockedMask };
        var loop = new VcpuLoop(vcpu, new TrapHandler(vcpu, Process, _table), Process);
        var host = new Thread(() => RunThread(thread, loop)) { IsBackground = true, Name = $"flint-vcpu-{id}" };
        lock (_threadsLock)
        {
            _threads.Add((host, vcpu));
        }

        Process.Threads.Add(thread);
        Process.ExecutionLock.EnableSlicing();
        if (Process.Stopping.IsCancellationRequested)
        {
            vcpu.RequestStop();
        }

        host.Start();
        return thread;
    }

    /// <summary>A thread from a snapshot: its vCPU as it was, its loop starting with the syscall it was blocked in.</summary>
    private void StartRestoredThread(Snapshots.ThreadImage image)
    {
        var vcpu = RestoreVcpu(_platform, _pageTableRoot, image);
        var thread = new GuestThread(image.Id, vcpu) { FlushedGeneration = Process.TranslationGeneration };
        RestoreThread(thread, image);
        var loop = new VcpuLoop(vcpu, new TrapHandler(vcpu, Process, _table), Process);
        var host = new Thread(() => RunThread(thread, loop, resumeSyscall: true)) { IsBackground = true, Name = $"flint-vcpu-{image.Id}" };
        lock (_threadsLock)
        {
            _threads.Add((host, vcpu));
        }

        Process.Threads.Add(thread);
        Process.ExecutionLock.EnableSlicing();
        host.Start();
    }

    private static IVcpu RestoreVcpu(IVmPlatform platform, GuestAddress pageTableRoot, Snapshots.ThreadImage image)
    {
        var vcpu = platform.CreateVcpu(pageTableRoot, image.Context);
        try
        {
            vcpu.FsBase = image.FsBase;
            vcpu.RestoreExtendedState(image.ExtendedState);
            return vcpu;
        }
        catch
        {
            vcpu.Dispose();
            throw;
        }
    }

    private static void RestoreThread(GuestThread thread, Snapshots.ThreadImage image)
    {
        thread.Context = image.Context;
        thread.ClearChildTidAddress = image.ClearChildTidAddress;
        thread.BlockedMask = image.BlockedMask;
        for (var signal = 1; signal <= Signal.Max; signal++)
        {
            if ((image.PendingSignals & Signal.Bit(signal)) != 0)
            {
                thread.Post(signal);
            }
        }
    }

    private void RunThread(GuestThread thread, VcpuLoop loop, bool resumeSyscall = false)
    {
        GuestProcess.Attach(thread);
        try
        {
            thread.Vcpu.BindToCurrentThread();
            var outcome = loop.RunToCompletion(resumeSyscall);
            if (outcome is VcpuOutcome.Failed)
            {
                _threadFailure ??= Process.FailureDetail ?? $"thread {thread.Id} failed";
                RequestStop();
            }
        }
        catch (Exception e)
        {
            _threadFailure ??= $"thread {thread.Id}: {e.Message}";
            RequestStop();
        }
        finally
        {
            Process.Threads.Remove(thread);
            GuestProcess.Attach(null);
        }
    }

    private void StopThreads()
    {
        _vcpu.RequestStop();
        lock (_threadsLock)
        {
            foreach (var (_, vcpu) in _threads)
            {
                vcpu.RequestStop();
            }
        }
    }

    private void JoinThreads()
    {
        while (true)
        {
            Thread[] hosts;
            lock (_threadsLock)
            {
                hosts = [.. _threads.Select(t => t.Host).Where(h => h.IsAlive && h != Thread.CurrentThread)];
            }

            if (hosts.Length == 0)
            {
                return;
            }

            foreach (var host in hosts)
            {
                host.Join();
            }
        }
    }

    /// <summary>The page tables mirror the permissions the loader recorded for the image's pages.</summary>
    private static void MapImage(AddressSpace space, GuestMemory memory, LoadedImage image)
    {
        for (var page = Layout.UserSpaceStart; page < image.End.Value; page += Layout.PageSize)
        {
            var flags = memory.GetPageFlags(new GuestAddress(page));
            if (flags != PageFlags.None)
            {
                space.Map(new GuestAddress(page), Layout.PageSize, flags);
            }
        }
    }

    private static ulong HardwareCapabilities() => X86Base.IsSupported ? (uint)X86Base.CpuId(1, 0).Edx : 0;
}
