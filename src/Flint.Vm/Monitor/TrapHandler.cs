using Flint.Vm.Cpu;
using Flint.Vm.Linux;
using Flint.Vm.Memory;

namespace Flint.Vm.Monitor;

/// <summary>
/// Turns a doorbell into Linux semantics: slot 0 is a syscall (dispatched through the table), slots 32+v are
/// exception vector v (turned into a signal). It captures the interrupted user context into the process,
/// and resumes the guest at whatever the context says afterwards.
/// </summary>
internal sealed class TrapHandler(IVcpu vcpu, GuestProcess process, SyscallTable table)
{
    private const ulong InterruptFlag = 0x200;
    private const int FrameWords = 5;  // rip, cs, rflags, rsp, ss

    public SyscallStubMode SyscallMode { get; private set; }

    public VcpuOutcome OnDoorbell(GuestAddress address)
    {
        var offset = address.Value - Layout.DoorbellPage;
        if (address.Value < Layout.DoorbellPage || offset >= Layout.PageSize || offset % 8 != 0)
        {
            return Kill(Signal.SIGBUS);
        }

        var slot = (int)(offset / 8);
        if (slot == Layout.SyscallDoorbellSlot)
        {
            return OnSyscall();
        }

        var vector = slot - Layout.ExceptionDoorbellBase;
        return vector is >= 0 and < Idt.ExceptionVectors ? OnException(vector) : Kill(Signal.SIGSYS);
    }

    public VcpuOutcome Kill(int signal)
    {
        process.Kill(signal);
        return VcpuOutcome.Killed;
    }

    private VcpuOutcome OnSyscall()
    {
        if (SyscallMode == SyscallStubMode.Unknown)
        {
            SyscallMode = vcpu.CodePrivilegeLevel == 3 ? SyscallStubMode.UserStub : SyscallStubMode.KernelStub;
        }

        // Hardware SYSCALL semantics: RCX holds the return RIP, R11 the user RFLAGS; RSP is still the user's.
        ref var ctx = ref process.Context;
        ctx = vcpu.Registers;
        ctx.rip = ctx.rcx;
        ctx.rflags = ctx.r11;
        var result = table.Dispatch(process, SyscallArgs.From(in ctx));
        if (process.HasExited)
        {
            return process.ExitCode is null ? VcpuOutcome.Killed : VcpuOutcome.Exited;
        }

        process.Context.rax = (ulong)result;
        return Resume(SyscallMode);
    }

    private VcpuOutcome OnException(int vector)
    {
        process.Report.RecordException();

        // The gate ran the stub at CPL 3 on IST1: the stack holds [error code], RIP, CS, RFLAGS, RSP, SS.
        var frameAddress = new GuestAddress(vcpu.Registers.rsp);
        var hasError = ExceptionVector.HasErrorCode(vector);
        var words = hasError ? FrameWords + 1 : FrameWords;
        if (!process.Memory.TryGetSpan(frameAddress, (ulong)words * 8, GuestAccess.Monitor, out var bytes))
        {
            return Kill(Signal.SIGSEGV);
        }

        var frame = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes);
        var errorCode = hasError ? frame[0] : 0;
        frame = frame[(hasError ? 1 : 0)..];
        ref var ctx = ref process.Context;
        ctx = vcpu.Registers;
        ctx.rip = frame[0];
        ctx.rflags = frame[2];
        ctx.rsp = frame[3];
        var faultAddress = vector == ExceptionVector.PageFault ? vcpu.FaultAddress : 0;
        var info = ExceptionSignals.Map(vector, errorCode, faultAddress, ctx.rip);
        process.Tracer?.Message($"--- {info.Signal} (vector {vector}, error 0x{errorCode:x}, address 0x{info.Address:x}, rip 0x{ctx.rip:x}) ---");
        if (!SignalDelivery.Deliver(process, info))
        {
            return VcpuOutcome.Killed;
        }

        return Resume(SyscallStubMode.UserStub);
    }

    /// <summary>Puts the process's context back into the vCPU, the way the trapping stub's privilege level needs.</summary>
    private VcpuOutcome Resume(SyscallStubMode mode)
    {
        if (process.HasExited)
        {
            return VcpuOutcome.Killed;
        }

        var ctx = process.Context;
        ctx.rflags |= InterruptFlag | 0x2;
        ref var regs = ref vcpu.Registers;
        if (mode == SyscallStubMode.KernelStub)
        {
            var frameAddress = new GuestAddress(Layout.KernelStackTop - (FrameWords * 8));
            if (!process.Memory.TryGetSpan(frameAddress, FrameWords * 8, GuestAccess.Monitor, out var bytes))
            {
                return Kill(Signal.SIGSEGV);
            }

            var frame = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes);
            frame[0] = ctx.rip;
            frame[1] = Layout.UserCodeSelector;
            frame[2] = ctx.rflags;
            frame[3] = ctx.rsp;
            frame[4] = Layout.UserDataSelector;
            regs = ctx;
            regs.rip = Layout.KernelStubPage + Layout.IretStubOffset;
            regs.rsp = frameAddress.Value;
            regs.rflags = 0x2;
        }
        else
        {
            regs = ctx;
        }

        vcpu.CommitRegisters();
        if (process.AddressSpace.NeedsFlush)
        {
            vcpu.FlushTranslations();
            process.AddressSpace.NeedsFlush = false;
        }

        return VcpuOutcome.Continue;
    }
}
