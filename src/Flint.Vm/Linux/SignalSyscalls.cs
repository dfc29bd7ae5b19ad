using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>rt_sigaction, rt_sigprocmask, sigaltstack, rt_sigreturn, and kill/tgkill aimed at the process itself.</summary>
internal static class SignalSyscalls
{
    public const ulong KernelSigsetSize = 8;
    public const ulong SIG_BLOCK = 0;
    public const ulong SIG_UNBLOCK = 1;
    public const ulong SIG_SETMASK = 2;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(13, "rt_sigaction", RtSigaction);
        table.Register(14, "rt_sigprocmask", RtSigprocmask);
        table.Register(15, "rt_sigreturn", (GuestProcess process, in SyscallArgs _) => SignalDelivery.Return(process));
        table.Register(62, "kill", Kill);
        table.Register(131, "sigaltstack", Sigaltstack);
        table.Register(200, "tkill", Tkill);
        table.Register(234, "tgkill", Tgkill);
    }

    private static long RtSigaction(GuestProcess process, in SyscallArgs a)
    {
        var signal = (int)Math.Min(a.A0, int.MaxValue);
        if (a.A3 != KernelSigsetSize || signal < 1 || signal > Signal.Max
            || (a.A1 != 0 && signal is Signal.SIGKILL or Signal.SIGSTOP))
        {
            return -Errno.EINVAL;
        }

        KernelSigaction requested = default;
        if (a.A1 != 0 && !process.Memory.TryRead(new GuestAddress(a.A1), GuestAccess.UserRead, out requested))
        {
            return -Errno.EFAULT;
        }

        if (a.A2 != 0 && !process.Memory.TryWrite(new GuestAddress(a.A2), GuestAccess.UserWrite, process.Signals.Action(signal)))
        {
            return -Errno.EFAULT;
        }

        if (a.A1 != 0)
        {
            requested.Mask = SignalState.Blockable(requested.Mask);
            process.Signals.Action(signal) = requested;
        }

        return 0;
    }

    private static long RtSigprocmask(GuestProcess process, in SyscallArgs a)
    {
        if (a.A3 != KernelSigsetSize)
        {
            return -Errno.EINVAL;
        }

        ulong set = 0;
        if (a.A1 != 0)
        {
            if (a.A0 > SIG_SETMASK)
            {
                return -Errno.EINVAL;
            }

            if (!process.Memory.TryRead(new GuestAddress(a.A1), GuestAccess.UserRead, out set))
            {
                return -Errno.EFAULT;
            }
        }

        if (a.A2 != 0 && !process.Memory.TryWrite(new GuestAddress(a.A2), GuestAccess.UserWrite, process.Signals.BlockedMask))
        {
            return -Errno.EFAULT;
        }

        if (a.A1 != 0)
        {
            var mask = process.Signals.BlockedMask;
            mask = a.A0 switch
            {
                SIG_BLOCK => mask | set,
                SIG_UNBLOCK => mask & ~set,
                _ => set,
            };
            process.Signals.BlockedMask = SignalState.Blockable(mask);
        }

        return 0;
    }

    private static long Sigaltstack(GuestProcess process, in SyscallArgs a)
    {
        var signals = process.Signals;
        var onStack = signals.IsOnAlternateStack(process.Context.rsp);
        SignalStack requested = default;
        if (a.A0 != 0 && !process.Memory.TryRead(new GuestAddress(a.A0), GuestAccess.UserRead, out requested))
        {
            return -Errno.EFAULT;
        }

        if (a.A1 != 0)
        {
            var current = signals.AlternateStack;
            current.Flags |= onStack ? Signal.SS_ONSTACK : 0;
            if (!process.Memory.TryWrite(new GuestAddress(a.A1), GuestAccess.UserWrite, current))
            {
                return -Errno.EFAULT;
            }
        }

        if (a.A0 == 0)
        {
            return 0;
        }

        if (onStack)
        {
            return -Errno.EPERM;
        }

        var mode = requested.Flags & ~Signal.SS_AUTODISARM;
        if (mode is not (0 or Signal.SS_DISABLE or Signal.SS_ONSTACK))
        {
            return -Errno.EINVAL;
        }

        if (mode == Signal.SS_DISABLE)
        {
            signals.AlternateStack = new SignalStack { Flags = Signal.SS_DISABLE };
            return 0;
        }

        if (requested.Size < Signal.MinSignalStackSize || requested.Pointer + requested.Size < requested.Pointer)
        {
            return -Errno.ENOMEM;
        }

        signals.AlternateStack = new SignalStack { Pointer = requested.Pointer, Size = requested.Size, Flags = requested.Flags & Signal.SS_AUTODISARM };
        return 0;
    }

    private static long Kill(GuestProcess process, in SyscallArgs a) => SendToSelf(process, a.A0, a.A1);

    /// <summary>tgkill(tgid, tid, sig): both ids are pid_t, and neither may be 0 or negative.</summary>
    private static long Tgkill(GuestProcess process, in SyscallArgs a)
    {
        int group = (int)a.A0, thread = (int)a.A1;
        if (group <= 0 || thread <= 0)
        {
            return -Errno.EINVAL;
        }

        return group != LinuxIdentity.ProcessId ? -Errno.ESRCH : SendToThread(process, thread, a.A2);
    }

    private static long Tkill(GuestProcess process, in SyscallArgs a)
        => (int)a.A0 <= 0 ? -Errno.EINVAL : SendToThread(process, (int)a.A0, a.A1);

    /// <summary>A signal for one thread: the caller's own is delivered now; another's is posted and that thread preempted to take it.</summary>
    private static long SendToThread(GuestProcess process, int tid, ulong signal)
    {
        var target = process.Threads.Find(tid);
        if (target is null)
        {
            return -Errno.ESRCH;
        }

        if (target == process.Thread)
        {
            return SendToSelf(process, LinuxIdentity.ProcessId, signal);
        }

        if (signal > Signal.Max)
        {
            return -Errno.EINVAL;
        }

        if (signal != 0)
        {
            target.Post((int)signal);
            target.Vcpu.RequestPreempt();
        }

        return 0;
    }

    private static long SendToSelf(GuestProcess process, ulong pid, ulong signal)
    {
        if (pid != LinuxIdentity.ProcessId && pid != 0)
        {
            return -Errno.ESRCH;
        }

        if (signal > Signal.Max)
        {
            return -Errno.EINVAL;
        }

        if (signal == 0)
        {
            return 0;
        }

        if ((process.Signals.BlockedMask & Signal.Bit((int)signal)) != 0)
        {
            // Pending, as in Linux, until the caller unblocks it: delivered on its way back to user code then.
            // A standard signal does not queue, so sending it twice while blocked delivers it once.
            process.Thread.Post((int)signal);
            return 0;
        }

        process.Context.rax = 0;  // the interrupted context resumes with the syscall's result
        SignalDelivery.Deliver(process, new SignalInfo((int)signal));
        return (long)process.Context.rax;
    }
}
