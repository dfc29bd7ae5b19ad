using Flint.Vm.Cpu;

namespace Flint.Vm.Linux;

/// <summary>Which Linux signal an x86 exception becomes, with the si_code and si_addr Linux would report.</summary>
internal static class ExceptionSignals
{
    /// <param name="vector">The exception vector.</param>
    /// <param name="errorCode">What the CPU pushed (or the platform derived).</param>
    /// <param name="faultAddress">CR2, for page faults.</param>
    /// <param name="instructionPointer">Where the exception happened.</param>
    /// <param name="addressMapped">
    /// For page faults: whether the address lies in a mapping (a PROT_NONE one included). As on Linux, that makes
    /// it SEGV_ACCERR even when the page is not present in the page tables; otherwise SEGV_MAPERR.
    /// </param>
    public static SignalInfo Map(int vector, ulong errorCode, ulong faultAddress, ulong instructionPointer, bool addressMapped)
    {
        var (signal, code, address) = vector switch
        {
            ExceptionVector.DivideError => (Signal.SIGFPE, Signal.FPE_INTDIV, instructionPointer),
            ExceptionVector.Debug or ExceptionVector.Breakpoint => (Signal.SIGTRAP, Signal.SI_KERNEL, 0UL),
            ExceptionVector.InvalidOpcode => (Signal.SIGILL, Signal.ILL_ILLOPN, instructionPointer),
            ExceptionVector.PageFault => (Signal.SIGSEGV, addressMapped ? Signal.SEGV_ACCERR : Signal.SEGV_MAPERR, faultAddress),
            ExceptionVector.FloatingPoint or ExceptionVector.SimdFloatingPoint => (Signal.SIGFPE, 0, instructionPointer),
            ExceptionVector.AlignmentCheck => (Signal.SIGBUS, Signal.BUS_ADRALN, 0UL),
            ExceptionVector.StackFault => (Signal.SIGBUS, Signal.SI_KERNEL, 0UL),
            _ => (Signal.SIGSEGV, Signal.SI_KERNEL, 0UL),
        };
        return new SignalInfo(signal, code, address, Forced: true, TrapNumber: (ulong)vector, ErrorCode: errorCode,
            FaultAddress: vector == ExceptionVector.PageFault ? faultAddress : 0);
    }
}
