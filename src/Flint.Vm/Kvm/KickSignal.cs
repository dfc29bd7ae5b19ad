using Flint.Interop.Libc;
using LibcSignal = Flint.Interop.Libc.Signal;

namespace Flint.Vm.Kvm;

/// <summary>
/// The host signal that kicks a vCPU thread out of KVM_RUN. It stays blocked on that thread, except inside
/// KVM_RUN (KVM_SET_SIGNAL_MASK), so it never runs a handler: it either makes KVM_RUN return EINTR or waits,
/// pending, until the next KVM_RUN, and is then consumed with sigtimedwait.
/// </summary>
internal static unsafe class KickSignal
{
    public const int Number = LibcSignal.SIGUSR2;

    /// <summary>Blocks the signal on the calling thread; returns the kernel mask (64 bits) to use inside KVM_RUN.</summary>
    public static ulong BlockOnCurrentThread()
    {
        var kick = Set();
        sigset_t previous;
        var error = LibcSignal.pthread_sigmask(LibcSignal.SIG_BLOCK, &kick, &previous);
        if (error != 0)
        {
            throw new VmSetupException("pthread_sigmask", error);
        }

        _ = LibcSignal.sigdelset(&previous, Number);
        return previous[0];
    }

    public static void Unblock()
    {
        var kick = Set();
        _ = LibcSignal.pthread_sigmask(LibcSignal.SIG_UNBLOCK, &kick, null);
    }

    /// <summary>Sends the signal to one thread of this process; false if that thread is gone.</summary>
    public static bool Send(int threadId) => LibcSignal.tgkill(Unistd.getpid(), threadId, Number) == 0;

    /// <summary>Consumes pending kicks of the calling thread without waiting; returns how many there were.</summary>
    public static int Drain()
    {
        var kick = Set();
        var zero = default(timespec);
        var count = 0;
        while (LibcSignal.sigtimedwait(&kick, null, &zero) == Number)
        {
            count++;
        }

        return count;
    }

    private static sigset_t Set()
    {
        sigset_t set;
        _ = LibcSignal.sigemptyset(&set);
        _ = LibcSignal.sigaddset(&set, Number);
        return set;
    }
}
