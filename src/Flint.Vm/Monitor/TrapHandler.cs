using Flint.Vm.Cpu;
using Flint.Vm.Linux;
using Flint.Vm.Memory;

namespace Flint.Vm.Monitor;

/// <summary>
/// Turns a typed exit into Linux semantics: a syscall is dispatched through the table, an exception becomes a
/// signal. It captures the interrupted user context into the process, and resumes the guest with whatever the
/// context says afterwards, its RFLAGS sanitized. Platform-neutral: how a trap arrived and how the guest resumes
/// is the vCPU's business.
/// </summary>
internal sealed class TrapHandler(IVcpu vcpu, GuestProcess process, SyscallTable table)
{
    public VcpuOutcome OnSyscall()
    {
        ref var ctx = ref process.Context;
        ctx = vcpu.Registers;
        var result = table.Dispatch(process, SyscallArgs.From(in ctx));
        if (process.HasExited)
        {
            return process.ExitCode is null ? VcpuOutcome.Killed : VcpuOutcome.Exited;
        }

        process.Context.rax = (ulong)result;
        return Resume();
    }

    public VcpuOutcome OnException(in VcpuExit exit)
    {
        process.Report.RecordException();
        ref var ctx = ref process.Context;
        ctx = vcpu.Registers;
        var mapped = (process.Memory.GetPageFlags(new GuestAddress(exit.FaultAddress)) & PageFlags.Mapped) != 0;
        var info = ExceptionSignals.Map(exit.Vector, exit.ErrorCode, exit.FaultAddress, ctx.rip, mapped);
        process.Tracer?.Message($"--- {info.Signal} (vector {exit.Vector}, error 0x{exit.ErrorCode:x}, address 0x{info.Address:x}, rip 0x{ctx.rip:x}) ---");
        return SignalDelivery.Deliver(process, info) ? Resume() : VcpuOutcome.Killed;
    }

    public VcpuOutcome Kill(int signal)
    {
        process.Kill(signal);
        return VcpuOutcome.Killed;
    }

    /// <summary>Puts the process's context back into the vCPU.</summary>
    private VcpuOutcome Resume()
    {
        if (process.HasExited)
        {
            return VcpuOutcome.Killed;
        }

        ref var regs = ref vcpu.Registers;
        regs = process.Context;
        regs.rflags = UserFlags.Sanitize(regs.rflags);
        vcpu.CommitRegisters();
        if (process.AddressSpace.NeedsFlush)
        {
            vcpu.FlushTranslations();
            process.AddressSpace.NeedsFlush = false;
        }

        return VcpuOutcome.Continue;
    }
}
