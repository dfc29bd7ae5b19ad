using System.Runtime.InteropServices;
using Flint.Interop.Kvm;
using Flint.Vm.Cpu;
using Flint.Vm.Memory;

namespace Flint.Vm.Kvm;

/// <summary>
/// Decodes a doorbell (a store to <see cref="Layout.DoorbellPage"/>) into a typed exit and the interrupted user
/// context, and writes the context back for the resume path of that same trap. Slot 0 is the syscall stub; slot
/// 32+v is exception vector v, whose frame the CPU pushed at the top of the IST1 stack. A doorbell rung any other
/// way (an odd slot, a frame anywhere else) is the guest storing to a page it may not write: a page fault.
/// </summary>
internal static class KvmTraps
{
    private const int FrameWords = 5;  // rip, cs, rflags, rsp, ss

    public static VcpuExit Decode(GuestAddress doorbell, int codePrivilegeLevel, ulong cr2, GuestMemory memory, ref kvm_regs regs, out KvmResumePath resume)
    {
        resume = KvmResumePath.Direct;
        var offset = doorbell.Value - Layout.DoorbellPage;
        var slot = (int)(offset / 8);
        if (offset >= Layout.PageSize || offset % 8 != 0)
        {
            return ForbiddenStore(doorbell);
        }

        if (slot == Layout.SyscallDoorbellSlot)
        {
            // Hardware SYSCALL semantics: RCX holds the return RIP, R11 the user RFLAGS; RSP is still the user's.
            resume = codePrivilegeLevel == 0 ? KvmResumePath.ThroughIret : KvmResumePath.Direct;
            regs.rip = regs.rcx;
            regs.rflags = regs.r11;
            return VcpuExit.Syscall;
        }

        var vector = slot - Layout.ExceptionDoorbellBase;
        if (vector is < 0 or >= Idt.ExceptionVectors)
        {
            return ForbiddenStore(doorbell);
        }

        // The gate ran the stub at CPL 3 on IST1: the CPU pushed [error code], RIP, CS, RFLAGS, RSP, SS at its top.
        // A frame anywhere else was not pushed by the CPU.
        var hasError = ExceptionVector.HasErrorCode(vector);
        var words = hasError ? FrameWords + 1 : FrameWords;
        var frameAddress = new GuestAddress(Layout.ExceptionStackTop - ((ulong)words * 8));
        if (regs.rsp != frameAddress.Value || !memory.TryGetSpan(frameAddress, (ulong)words * 8, GuestAccess.UserRead, out var bytes))
        {
            return ForbiddenStore(doorbell);
        }

        var frame = MemoryMarshal.Cast<byte, ulong>(bytes);
        var errorCode = hasError ? frame[0] : 0;
        frame = frame[(hasError ? 1 : 0)..];
        regs.rip = frame[0];
        regs.rflags = frame[2];
        regs.rsp = frame[3];
        return VcpuExit.Fault(vector, errorCode, vector == ExceptionVector.PageFault ? cr2 : 0);
    }

    /// <summary>Prepares <paramref name="regs"/> (the user context to resume) for <paramref name="path"/>. False when the kernel stack is gone.</summary>
    public static bool PrepareResume(KvmResumePath path, GuestMemory memory, ref kvm_regs regs)
    {
        if (path == KvmResumePath.Direct)
        {
            return true;
        }

        var frameAddress = new GuestAddress(Layout.KernelStackTop - (FrameWords * 8));
        if (!memory.TryGetSpan(frameAddress, FrameWords * 8, GuestAccess.Monitor, out var bytes))
        {
            return false;
        }

        var frame = MemoryMarshal.Cast<byte, ulong>(bytes);
        frame[0] = regs.rip;
        frame[1] = Layout.UserCodeSelector;
        frame[2] = regs.rflags;
        frame[3] = regs.rsp;
        frame[4] = Layout.UserDataSelector;
        regs.rip = Layout.KernelStubPage + Layout.IretStubOffset;
        regs.rsp = frameAddress.Value;
        regs.rflags = 0x2;
        return true;
    }

    /// <summary>A user-mode write to a present page the guest may not write, as the CPU would report it.</summary>
    private static VcpuExit ForbiddenStore(GuestAddress address)
        => VcpuExit.Fault(ExceptionVector.PageFault, PageFaultError.Present | PageFaultError.Write | PageFaultError.User, address.Value);
}
