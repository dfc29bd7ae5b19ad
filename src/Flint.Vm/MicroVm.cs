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
    private IReadOnlyList<(Snapshots.ThreadImage Image, IVcpu Vcpu)>? _restoredThreads;

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
    /// The restore path: a VM prepared from the snapshot (memory mapped copy-on-write, tables, break, a vCPU per
    /// thread with its state) gets its process: the snapshot's process state and fds, this run's streams and
    /// listening socket. Each thread issues again the syscall it was blocked in when <see cref="Run"/> starts it.
    /// Takes ownership of <paramref name="prepared"/>.
    /// </summary>
    public static MicroVm Restore(Snapshots.PreparedRestore prepared, Snapshots.VmSnapshot snapshot, GuestProcessOptions processOptions)
    {
        try
        {
            var process = new GuestProcess(prepared.Space, prepared.Vcpus[0], processOptions);
            RestoreThread(process.Threads.Main, snapshot.Threads[0]);
            using (var state = snapshot.ProcessState())
            {
                Snapshots.ProcessStateCodec.Read(state, process);
            }

            return new MicroVm(prepared.Platform, prepared.Memory, prepared.Space.Tables.Root, SyscallTable.CreateDefault(), prepared.Vcpus[0], process)
            {
                _restoredThreads = [.. snapshot.Threads.Skip(1).Zip(prepared.Vcpus.Skip(1))],
            };
        }
        catch (Exception e)
        {
            prepared.Dispose();
            if (e is EndOfStreamException or ArgumentException or FormatException)
            {
                throw new Snapshots.SnapshotException($"{snapshot.Path} cannot be restored: {e.Message}", e);
            }

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
            foreach (var (image, vcpu) in restored ?? [])
            {
                StartRestoredThread(image, vcpu);
            }

            VcpuThreadFilter.ApplyToCurrentThread();
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
    private void StartRestoredThread(Snapshots.ThreadImage image, IVcpu vcpu)
    {
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
            VcpuThreadFilter.ApplyToCurrentThread();
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
