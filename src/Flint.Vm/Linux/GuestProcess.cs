using Flint.Interop.Kvm;
using Flint.Vm.Cpu;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>
/// Everything the emulated Linux knows about the one process in a VM: its address space, signals, limits,
/// standard streams, the user context of the trap being handled, and how it ended.
/// </summary>
internal sealed class GuestProcess
{
    private readonly Rlimit[] _limits;
    private kvm_regs _context;

    public GuestProcess(AddressSpace addressSpace, IVcpu cpu, GuestProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AddressSpace = addressSpace;
        Cpu = cpu;
        Stdout = new HostOutput(options.Stdout, options.Stop);
        Stderr = new HostOutput(options.Stderr, options.Stop);
        ExecutablePath = options.ExecutablePath;
        Time = options.Time;
        Tracer = options.Tracer;
        StartTimestamp = Time.GetTimestamp();
        _limits = ResourceLimits.Defaults(addressSpace.Memory.Size);
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

    public SyscallReport Report { get; } = new();

    public SyscallTracer? Tracer { get; }

    /// <summary>The interrupted user context of the trap being handled: RIP is where the guest resumes.</summary>
    public ref kvm_regs Context => ref _context;

    public ulong ClearChildTidAddress { get; set; }

    public int? ExitCode { get; private set; }

    public int? TerminatingSignal { get; private set; }

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
}
