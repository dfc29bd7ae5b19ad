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

        if (process.Thread.HasExited)
        {
            return VcpuOutcome.ThreadExited;
        }

        process.Context.rax = (ulong)result;
        return DeliverPendingSignal() ? Resume() : VcpuOutcome.Killed;
    }

    /// <summary>The slice ended: the registers are the live user context; a signal sent to this thread is delivered now.</summary>
    public VcpuOutcome OnPreempted()
    {
        if (process.Thread.PendingSignals == 0)
        {
            return VcpuOutcome.Continue;
        }

        process.Context = vcpu.Registers;
        return DeliverPendingSignal() ? Resume() : VcpuOutcome.Killed;
    }

    public VcpuOutcome OnException(in VcpuExit exit)
    {
        process.Report.RecordException();
        ref var ctx = ref process.Context;
        ctx = vcpu.Registers;
        var mapped = (process.Memory.GetPageFlags(new GuestAddress(exit.FaultAddress)) & PageFlags.Mapped) != 0;
        var info = ExceptionSignals.Map(exit.Vector, exit.ErrorCode, exit.FaultAddress, ctx.rip, mapped);
        process.Tracer?.Message($"--- {info.Signal} (vector {exit.Vector}, error 0x{exit.ErrorCode:x}, address 0x{info.Address:x}, rip 0x{ctx.rip:x}) ---");
        if (exit.Detail is { } detail)
        {
            process.Report.RecordFault(detail);
        }
        return SignalDelivery.Deliver(process, info) ? Resume() : VcpuOutcome.Killed;
    }

    /// <summary>On the way back to user code: a signal tgkill sent to this thread, unless blocked, gets its frame now.</summary>
    private bool DeliverPendingSignal()
    {
        var signal = process.Thread.TakePending(process.Signals.BlockedMask);
        return signal == 0 || SignalDelivery.Deliver(process, new SignalInfo(signal, Signal.SI_TKILL));
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
            // Every vCPU drops its translations before it runs again (the loop compares generations).
            process.TranslationGeneration++;
            process.AddressSpace.NeedsFlush = false;
        }

        return VcpuOutcome.Continue;
    }
}
