using Flint.Vm.Cpu;

namespace Flint.Vm.Linux;

/// <summary>Which Linux signal an x86 exception becomes, with the si_code and si_addr Linux would report.</summary>
internal static class ExceptionSignals
{
    /// <summary>Page-fault error code bit 0: the page was present (so this is a protection fault).</summary>
    private const ulong PageFaultPresent = 1;

    public static SignalInfo Map(int vector, ulong errorCode, ulong faultAddress, ulong instructionPointer)
    {
        var (signal, code, address) = vector switch
        {
            ExceptionVector.DivideError => (Signal.SIGFPE, Signal.FPE_INTDIV, instructionPointer),
            ExceptionVector.Debug or ExceptionVector.Breakpoint => (Signal.SIGTRAP, Signal.SI_KERNEL, 0UL),
            ExceptionVector.InvalidOpcode => (Signal.SIGILL, Signal.ILL_ILLOPN, instructionPointer),
            ExceptionVector.PageFault => (Signal.SIGSEGV, (errorCode & PageFaultPresent) != 0 ? Signal.SEGV_ACCERR : Signal.SEGV_MAPERR, faultAddress),
            ExceptionVector.FloatingPoint or ExceptionVector.SimdFloatingPoint => (Signal.SIGFPE, 0, instructionPointer),
            ExceptionVector.AlignmentCheck => (Signal.SIGBUS, Signal.BUS_ADRALN, 0UL),
            ExceptionVector.StackFault => (Signal.SIGBUS, Signal.SI_KERNEL, 0UL),
            _ => (Signal.SIGSEGV, Signal.SI_KERNEL, 0UL),
        };
        return new SignalInfo(signal, code, address, Forced: true, TrapNumber: (ulong)vector, ErrorCode: errorCode,
            FaultAddress: vector == ExceptionVector.PageFault ? faultAddress : 0);
    }
}
