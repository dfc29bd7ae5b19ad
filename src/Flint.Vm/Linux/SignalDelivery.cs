using Flint.Vm.Linux.Abi;
using Flint.Vm.Memory;
using L = Flint.Vm.Linux.Abi.SignalFrameLayout;

namespace Flint.Vm.Linux;

/// <summary>
/// Builds the x86-64 <c>rt_sigframe</c> on the guest stack (or the alternate stack) and points the user context
/// at the handler, exactly as Linux does; <see cref="Return"/> is rt_sigreturn. Anything the guest got wrong
/// (no restorer, an unwritable stack, a corrupt frame) kills the guest with SIGSEGV, never the monitor.
/// </summary>
internal static class SignalDelivery
{
    private const ulong RedZone = 128;
    private const ulong TrapFlag = 0x100;
    private const ulong DirectionFlag = 0x400;

    /// <summary>RFLAGS bits a signal handler may change through the frame (Linux FIX_EFLAGS).</summary>
    private const ulong RestorableFlags = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x400 | 0x800 | 0x1_0000 | 0x4_0000;

    private const ulong UserSegments = ((ulong)Layout.UserDataSelector << 48) | Layout.UserCodeSelector;

    /// <summary>Delivers <paramref name="info"/> to the process's current context. Returns false when the guest was killed.</summary>
    public static bool Deliver(GuestProcess process, SignalInfo info)
    {
        ArgumentNullException.ThrowIfNull(process);
        var signal = info.Signal;
        var action = process.Signals.Action(signal);
        var blocked = (process.Signals.BlockedMask & Signal.Bit(signal)) != 0;
        if (action.Handler == KernelSigaction.IgnoreHandler && !info.Forced)
        {
            return true;
        }

        if (action.Handler == KernelSigaction.DefaultHandler || action.Handler == KernelSigaction.IgnoreHandler || (blocked && info.Forced))
        {
            if (action.Handler == KernelSigaction.DefaultHandler && Signal.IgnoredByDefault(signal) && !info.Forced)
            {
                return true;
            }

            process.Kill(signal);
            return false;
        }

        if ((action.Flags & Signal.SA_RESTORER) == 0 || !TryBuildFrame(process, info, action))
        {
            process.Kill(Signal.SIGSEGV);
            return false;
        }

        if ((action.Flags & Signal.SA_RESETHAND) != 0)
        {
            process.Signals.Action(signal) = default;
        }

        return true;
    }

    /// <summary>rt_sigreturn: restores the context and mask saved in the frame at RSP; returns the restored RAX.</summary>
    public static long Return(GuestProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        ref var ctx = ref process.Context;
        var uc = new GuestAddress(ctx.rsp);
        if (!process.Memory.TryGetSpan(uc, L.UContextSize, GuestAccess.UserRead, out var frame))
        {
            process.Kill(Signal.SIGSEGV);
            return 0;
        }

        var g = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(frame.Slice(L.UcGregs, L.GregCount * 8));
        ctx.r8 = g[L.R8];
        ctx.r9 = g[L.R9];
        ctx.r10 = g[L.R10];
        ctx.r11 = g[L.R11];
        ctx.r12 = g[L.R12];
        ctx.r13 = g[L.R13];
        ctx.r14 = g[L.R14];
        ctx.r15 = g[L.R15];
        ctx.rdi = g[L.Rdi];
        ctx.rsi = g[L.Rsi];
        ctx.rbp = g[L.Rbp];
        ctx.rbx = g[L.Rbx];
        ctx.rdx = g[L.Rdx];
        ctx.rcx = g[L.Rcx];
        ctx.rsp = g[L.Rsp];
        ctx.rip = g[L.Rip];
        ctx.rflags = (Layout.InitialRflags & ~RestorableFlags) | (g[L.Eflags] & RestorableFlags);
        process.Signals.BlockedMask = SignalState.Blockable(BitConverter.ToUInt64(frame[L.UcSigmask..]));
        return (long)g[L.Rax];
    }

    private static bool TryBuildFrame(GuestProcess process, SignalInfo info, KernelSigaction action)
    {
        ref var ctx = ref process.Context;
        var signals = process.Signals;
        var altStack = signals.AlternateStack;
        ulong sp;
        if ((action.Flags & Signal.SA_ONSTACK) != 0 && (altStack.Flags & Signal.SS_DISABLE) == 0 && !signals.IsOnAlternateStack(ctx.rsp))
        {
            sp = altStack.Pointer + altStack.Size;
        }
        else
        {
            sp = ctx.rsp - RedZone;
        }

        if (sp < L.FrameSize + 16)
        {
            return false;
        }

        sp = ((sp - L.FrameSize) & ~15UL) - 8;  // the handler starts as if called: (rsp + 8) % 16 == 0
        if (!process.Memory.TryGetSpan(new GuestAddress(sp), L.FrameSize, GuestAccess.UserWrite, out var frame))
        {
            return false;
        }

        frame.Clear();
        Put(frame, L.PretcodeOffset, action.Restorer);
        var uc = frame[L.UContextOffset..];
        Put(uc, L.UcStack, altStack.Pointer);
        Put(uc, L.UcStack + 8, (ulong)(uint)(altStack.Flags | (signals.IsOnAlternateStack(ctx.rsp) ? Signal.SS_ONSTACK : 0)));
        Put(uc, L.UcStack + 16, altStack.Size);
        var g = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(uc.Slice(L.UcGregs, L.GregCount * 8));
        g[L.R8] = ctx.r8;
        g[L.R9] = ctx.r9;
        g[L.R10] = ctx.r10;
        g[L.R11] = ctx.r11;
        g[L.R12] = ctx.r12;
        g[L.R13] = ctx.r13;
        g[L.R14] = ctx.r14;
        g[L.R15] = ctx.r15;
        g[L.Rdi] = ctx.rdi;
        g[L.Rsi] = ctx.rsi;
        g[L.Rbp] = ctx.rbp;
        g[L.Rbx] = ctx.rbx;
        g[L.Rdx] = ctx.rdx;
        g[L.Rax] = ctx.rax;
        g[L.Rcx] = ctx.rcx;
        g[L.Rsp] = ctx.rsp;
        g[L.Rip] = ctx.rip;
        g[L.Eflags] = ctx.rflags;
        g[L.CsGsFs] = UserSegments;
        g[L.Err] = info.ErrorCode;
        g[L.TrapNo] = info.TrapNumber;
        g[L.OldMask] = signals.BlockedMask;
        g[L.Cr2] = info.FaultAddress;
        Put(uc, L.UcSigmask, signals.BlockedMask);
        var si = frame[L.SigInfoOffset..];
        Put32(si, L.SiSigno, info.Signal);
        Put32(si, L.SiCode, info.Code);
        Put(si, L.SiAddr, info.Address);

        if ((altStack.Flags & Signal.SS_AUTODISARM) != 0 && sp >= altStack.Pointer && sp < altStack.Pointer + altStack.Size)
        {
            signals.AlternateStack = new SignalStack { Flags = Signal.SS_DISABLE };
        }

        var added = action.Mask | ((action.Flags & Signal.SA_NODEFER) != 0 ? 0 : Signal.Bit(info.Signal));
        signals.BlockedMask = SignalState.Blockable(signals.BlockedMask | added);
        ctx.rdi = (ulong)info.Signal;
        ctx.rsi = sp + L.SigInfoOffset;
        ctx.rdx = sp + L.UContextOffset;
        ctx.rax = 0;
        ctx.rsp = sp;
        ctx.rip = action.Handler;
        ctx.rflags &= ~(TrapFlag | DirectionFlag);
        return true;
    }

    private static void Put(Span<byte> span, int offset, ulong value) => BitConverter.TryWriteBytes(span[offset..], value);

    private static void Put32(Span<byte> span, int offset, int value) => BitConverter.TryWriteBytes(span[offset..], value);
}
