using Flint.Interop.Kvm;
using Flint.Vm.Cpu;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Files;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>
/// Everything the emulated Linux knows about the one process in a VM: its address space, signals, limits,
/// standard streams, the user context of the trap being handled, and how it ended.
/// </summary>
internal sealed class GuestProcess : IDisposable
{
    private readonly Rlimit[] _limits;
    private readonly CancellationTokenSource _stopping;
    private kvm_regs _context;

    public GuestProcess(AddressSpace addressSpace, IVcpu cpu, GuestProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AddressSpace = addressSpace;
        Cpu = cpu;
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(options.Stop);
        Stdout = new HostOutput(options.Stdout, _stopping.Token);
        Stderr = new HostOutput(options.Stderr, _stopping.Token);
        ExecutablePath = options.ExecutablePath;
        Time = options.Time;
        Tracer = options.Tracer;
        Network = options.Network;
        StartTimestamp = Time.GetTimestamp();
        _limits = ResourceLimits.Defaults(addressSpace.Memory.Size);
        Files = new FileTable((int)_limits[ResourceLimits.RLIMIT_NOFILE].Current);
        Files.Install(new StandardInput(), closeOnExec: false);
        Files.Install(new OutputStreamFile(Stdout), closeOnExec: false);
        Files.Install(new OutputStreamFile(Stderr), closeOnExec: false);
    }

    public AddressSpace AddressSpace { get; }

    public GuestMemory Memory => AddressSpace.Memory;

    public IVcpu Cpu { get; }

    public HostOutput Stdout { get; }

    public HostOutput Stderr { get; }

    /// <summary>The executable's absolute path as the guest sees it, what readlink("/proc/self/exe") answers.</summary>
    public string ExecutablePath { get; }

    public TimeProvider Time { get; }

    public long StartTimestamp { get; }

    public SignalState Signals { get; } = new();

    /// <summary>The guest's fds: 0 (at end of file), 1 and 2 (the run's streams) to start with.</summary>
    public FileTable Files { get; }

    /// <summary>
    /// Cancelled when the VM is being stopped (timeout, cancellation, exit_group from another thread): every host
    /// operation that blocks on the guest's behalf (accept, a socket read, epoll_wait, a futex wait, a write to a
    /// stalled stream) observes it and returns.
    /// </summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>The listening socket lent to the guest and whether it may connect out.</summary>
    public Net.GuestNetwork Network { get; }

    /// <summary>Pulsed by in-memory files (pipes, eventfds) when they change; readiness waits watch it.</summary>
    public Events.ReadinessSignal Readiness { get; } = new();

    public SyscallReport Report { get; } = new();

    public SyscallTracer? Tracer { get; }

    /// <summary>The interrupted user context of the trap being handled: RIP is where the guest resumes.</summary>
    public ref kvm_regs Context => ref _context;

    public ulong ClearChildTidAddress { get; set; }

    public int? ExitCode { get; private set; }

    public int? TerminatingSignal { get; private set; }

    /// <summary>What the platform said when it could not run the guest any further, if it could not.</summary>
    public string? FailureDetail { get; set; }

    public bool HasExited => ExitCode is not null || TerminatingSignal is not null;

    public Span<Rlimit> Limits => _limits;

    public void Exit(int status)
    {
        ExitCode ??= status & 0xFF;
    }

    public void Kill(int signal)
    {
        if (!HasExited)
        {
            TerminatingSignal = signal;
        }
    }

    public TimeSpan Elapsed => Time.GetElapsedTime(StartTimestamp);

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

    public void Dispose()
    {
        RequestStop();
        Files.Dispose();
        _stopping.Dispose();
    }
}
