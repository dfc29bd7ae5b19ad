using Flint.Vm.Linux.Abi;

namespace Flint.Vm.Linux;

/// <summary>The guest's signal dispositions and alternate stack, and the calling thread's blocked mask (each thread has its own).</summary>
internal sealed class SignalState(Func<GuestThread> current)
{
    private readonly KernelSigaction[] _actions = new KernelSigaction[Signal.Max + 1];

    public ulong BlockedMask
    {
        get => current().BlockedMask;
        set => current().BlockedMask = value;
    }

    public SignalStack AlternateStack { get; set; } = new() { Flags = Signal.SS_DISABLE };

    public ref KernelSigaction Action(int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(signal, Signal.Max);
        return ref _actions[signal];
    }

    /// <summary>SIGKILL and SIGSTOP can never be blocked.</summary>
    public static ulong Blockable(ulong mask) => mask & ~(Signal.Bit(Signal.SIGKILL) | Signal.Bit(Signal.SIGSTOP));

    public bool IsOnAlternateStack(ulong stackPointer)
    {
        var stack = AlternateStack;
        return (stack.Flags & Signal.SS_DISABLE) == 0 && stackPointer > stack.Pointer && stackPointer - stack.Pointer <= stack.Size;
    }
}
