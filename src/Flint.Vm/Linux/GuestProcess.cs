using Flint.Interop.Kvm;
using Flint.Vm.Cpu;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Files;
using Flint.Vm.Linux.FileSystem;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>
/// Everything the emulated Linux knows about the one process in a VM: its address space, threads, signals, limits,
/// fds, the user context of the trap the calling guest thread is handling, and how it ended. Each guest thread runs
/// on its own host thread, which <see cref="Attach"/> binds to it: <see cref="Thread"/>, <see cref="Context"/> and
/// <see cref="Cpu"/> are the calling thread's.
/// </summary>
internal sealed class GuestProcess : IDisposable
{
    [ThreadStatic]
    private static GuestThread? _current;

    private readonly Rlimit[] _limits;
    private readonly CancellationTokenSource _stopping;

    public GuestProcess(AddressSpace addressSpace, IVcpu cpu, GuestProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AddressSpace = addressSpace;
        Threads = new ThreadGroup(new GuestThread(LinuxIdentity.ProcessId, cpu));
        Signals = new SignalState(() => Thread);
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(options.Stop);
        RunStop = options.Stop;
        Stdout = new HostOutput(options.Stdout, options.Stop);
        Stderr = new HostOutput(options.Stderr, options.Stop);
        ExecutablePath = options.ExecutablePath;
        Time = options.Time;
        Tracer = options.Tracer;
        Network = options.Network;
        StartTimestamp = Time.GetTimestamp();
        BootTime = Time.GetUtcNow();
        FileSystem = new VirtualFileSystem(options.RootDirectory) { WorkingDirectory = options.WorkingDirectory };
        CommandName = ShortName(ExecutablePath);
        _limits = ResourceLimits.Defaults(addressSpace.Memory.Size);
        ResourceLimits.Apply(_limits, options.ResourceLimits);
        Files = new FileTable((int)_limits[ResourceLimits.RLIMIT_NOFILE].Current);
        Files.Install(new StandardInput(), closeOnExec: false);
        Files.Install(new OutputStreamFile(Stdout), closeOnExec: false);
        Files.Install(new OutputStreamFile(Stderr), closeOnExec: false);
    }

    public AddressSpace AddressSpace { get; }

    public GuestMemory Memory => AddressSpace.Memory;

    public ThreadGroup Threads { get; }

    /// <summary>The guest thread the calling host thread runs (the main thread outside any).</summary>
    public GuestThread Thread => _current is { } current && current.Group == Threads ? current : Threads.Main;

    /// <summary>The calling guest thread's vCPU.</summary>
    public IVcpu Cpu => Thread.Vcpu;

    public Futexes Futexes { get; } = new();

    /// <summary>One guest thread at a time runs guest code or a non-blocking syscall.</summary>
    public Monitor.ExecutionLock ExecutionLock { get; } = new();

    /// <summary>Lets the other guest threads run while the calling one blocks on the host; dispose to take a turn again.</summary>
    public Monitor.ExecutionLock.Suspension LetOthersRun() => ExecutionLock.Suspend(Cpu);

    /// <summary>The address-space generation: bumped when translations must be dropped, so every vCPU flushes before it runs again.</summary>
    public long TranslationGeneration { get; set; }

    public HostOutput Stdout { get; }

    public HostOutput Stderr { get; }

    /// <summary>The executable's absolute path as the guest sees it, what readlink("/proc/self/exe") answers.</summary>
    public string ExecutablePath { get; }

    public TimeProvider Time { get; }

    /// <summary>When the VM started, as /proc/stat's btime.</summary>
    public DateTimeOffset BootTime { get; set; }

    /// <summary>The image and the synthesized /proc, /sys and /dev, with the current directory.</summary>
    public VirtualFileSystem FileSystem { get; }

    /// <summary>The thread name (prctl PR_SET_NAME, /proc/self/comm): at most 15 bytes.</summary>
    public string CommandName { get; set; }

    /// <summary>membarrier commands registered (MEMBARRIER_CMD_REGISTER_*), as a bit mask of their numbers.</summary>
    public int MembarrierRegistrations { get; set; }

    /// <summary>When the process started, in <see cref="Time"/>'s timestamps: its CPU-time clocks count from here.</summary>
    public long StartTimestamp { get; set; }

    /// <summary>
    /// How far the guest's CLOCK_MONOTONIC and CLOCK_BOOTTIME lag the host's, in timestamps: 0 for a boot; for a
    /// restore, the time between snapshot and restore, so the guest's clock goes on from the snapshot's moment (as
    /// a paused VM's would) and its absolute deadlines (futex, clock_nanosleep) keep their meaning.
    /// </summary>
    public long MonotonicOffset { get; set; }

    public SignalState Signals { get; }

    /// <summary>The guest's fds: 0 (at end of file), 1 and 2 (the run's streams) to start with.</summary>
    public FileTable Files { get; }

    /// <summary>
    /// Cancelled when the VM is being stopped (timeout, cancellation, the process exiting or dying): every host
    /// operation that blocks on the guest's behalf (accept, a socket read, epoll_wait, a futex wait, a write to a
    /// stalled stream) observes it and returns.
    /// </summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// The run's own stop (timeout or cancellation). It reads as requested from the first moment of the stop,
    /// before any of its callbacks (the vCPU's stop request among them) has run, so a thread that a blocked host
    /// operation just released because of it can tell not to enter the guest again.
    /// </summary>
    public CancellationToken RunStop { get; }

    /// <summary>Whether the VM is being stopped, however far the stop's callbacks have got.</summary>
    public bool IsStopRequested => RunStop.IsCancellationRequested || _stopping.IsCancellationRequested;

    /// <summary>The listening socket lent to the guest and whether it may connect out.</summary>
    public Net.GuestNetwork Network { get; }

    /// <summary>Pulsed by in-memory files (pipes, eventfds) when they change; readiness waits watch it.</summary>
    public Events.ReadinessSignal Readiness { get; } = new();

    public SyscallReport Report { get; } = new();

    public SyscallTracer? Tracer { get; }

    /// <summary>The calling thread's interrupted user context of the trap being handled: RIP is where it resumes.</summary>
    public ref kvm_regs Context => ref Thread.Context;

    public ulong ClearChildTidAddress
    {
        get => Thread.ClearChildTidAddress;
        set => Thread.ClearChildTidAddress = value;
    }

    public int? ExitCode { get; private set; }

    public int? TerminatingSignal { get; private set; }

    /// <summary>What the platform said when it could not run the guest any further, if it could not.</summary>
    public string? FailureDetail { get; set; }

    public bool HasExited => ExitCode is not null || TerminatingSignal is not null;

    public Span<Rlimit> Limits => _limits;

    /// <summary>Binds the calling host thread to <paramref name="thread"/> for as long as it runs it.</summary>
    public static void Attach(GuestThread? thread) => _current = thread;

    public void Exit(int status)
    {
        if (!HasExited)
        {
            ExitCode = status & 0xFF;
        }

        EndOtherThreads();
    }

    public void Kill(int signal)
    {
        if (!HasExited)
        {
            TerminatingSignal = signal;
        }

        EndOtherThreads();
    }

    public TimeSpan Elapsed => Time.GetElapsedTime(StartTimestamp);

    /// <summary>The process is over (exit_group, a fatal signal): every other thread stops, every blocking wait ends.</summary>
    private void EndOtherThreads()
    {
        if (Threads.Count <= 1)
        {
            return;
        }

        RequestStop();
        var self = Thread;
        foreach (var thread in Threads.Live)
        {
            if (thread != self)
            {
                thread.Vcpu.RequestStop();
            }
        }
    }

    /// <summary>Thread-safe: ends every blocking host operation made for the guest; the vCPUs are stopped by their owner.</summary>
    public void RequestStop()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>The file name of <paramref name="path"/>, cut to the 15 bytes a Linux thread name holds.</summary>
    public static string ShortName(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.Length > 15 ? name[..15] : name;
    }

    public void Dispose()
    {
        RequestStop();
        ExecutionLock.Dispose();
        Files.Dispose();
        Readiness.Dispose();
        _stopping.Dispose();
    }
}
