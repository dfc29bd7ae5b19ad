using Flint.Vm.Cpu;
using Flint.Vm.Linux;

namespace Flint.Vm.Tests.Linux;

public sealed class ExceptionSignalsTests
{
    [Theory]
    [InlineData(ExceptionVector.DivideError, 0UL, false, Signal.SIGFPE, Signal.FPE_INTDIV)]
    [InlineData(ExceptionVector.InvalidOpcode, 0UL, false, Signal.SIGILL, Signal.ILL_ILLOPN)]
    [InlineData(ExceptionVector.Breakpoint, 0UL, false, Signal.SIGTRAP, Signal.SI_KERNEL)]
    [InlineData(ExceptionVector.GeneralProtection, 0UL, false, Signal.SIGSEGV, Signal.SI_KERNEL)]
    [InlineData(ExceptionVector.PageFault, 4UL, false, Signal.SIGSEGV, Signal.SEGV_MAPERR)]
    [InlineData(ExceptionVector.PageFault, 7UL, true, Signal.SIGSEGV, Signal.SEGV_ACCERR)]
    [InlineData(ExceptionVector.PageFault, 4UL, true, Signal.SIGSEGV, Signal.SEGV_ACCERR)]  // PROT_NONE: not present, but mapped
    [InlineData(ExceptionVector.AlignmentCheck, 0UL, false, Signal.SIGBUS, Signal.BUS_ADRALN)]
    [InlineData(ExceptionVector.SimdFloatingPoint, 0UL, false, Signal.SIGFPE, 0)]
    public void Map_Vector_GivesLinuxSignalAndCode(int vector, ulong error, bool mapped, int signal, int code)
    {
        var info = ExceptionSignals.Map(vector, error, 0x1234, 0x40_1000, mapped);
        Assert.Equal(signal, info.Signal);
        Assert.Equal(code, info.Code);
        Assert.True(info.Forced);
        Assert.Equal((ulong)vector, info.TrapNumber);
        Assert.Equal(error, info.ErrorCode);
    }

    [Fact]
    public void Map_PageFault_ReportsTheFaultAddress()
    {
        var info = ExceptionSignals.Map(ExceptionVector.PageFault, 6, 0xdead_b000, 0x40_1000, addressMapped: false);
        Assert.Equal(0xdead_b000UL, info.Address);
        Assert.Equal(0xdead_b000UL, info.FaultAddress);
    }

    [Fact]
    public void Map_DivideError_ReportsTheInstruction()
    {
        Assert.Equal(0x40_1000UL, ExceptionSignals.Map(ExceptionVector.DivideError, 0, 0, 0x40_1000, addressMapped: false).Address);
    }
}
