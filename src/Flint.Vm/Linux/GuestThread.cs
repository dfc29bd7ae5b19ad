using Flint.Interop.Kvm;
using Flint.Vm.Cpu;

namespace Flint.Vm.Linux;

/// <summary>
/// One guest thread: its thread id, its vCPU (each guest thread has its own, run by its own host thread), the user
/// context of the trap it is handling, clear_child_tid, and the signals sent to it alone.
/// </summary>
internal sealed class GuestThread(int id, IVcpu vcpu)
{
    private kvm_regs _context;
    private ulong _pendingSignals;

    public int Id { get; } = id;

    public IVcpu Vcpu { get; } = vcpu;

    /// <summary>The thread group (process) it belongs to.</summary>
    public ThreadGroup? Group { get; set; }

    /// <summary>The interrupted user context of the trap being handled: RIP is where the thread resumes.</summary>
    public ref kvm_regs Context => ref _context;

    /// <summary>set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken when the thread exits.</summary>
    public ulong ClearChildTidAddress { get; set; }

    /// <summary>The signals this thread blocks (rt_sigprocmask); a new thread starts with its creator's.</summary>
    public ulong BlockedMask { get; set; }

    /// <summary>The address-space generation whose translations this thread's vCPU has dropped.</summary>
    public long FlushedGeneration { get; set; }

    /// <summary>Set once the thread called exit (or the process is going away): its loop ends.</summary>
    public bool HasExited { get; set; }

    public ulong PendingSignals => Volatile.Read(ref _pendingSignals);

    /// <summary>Marks <paramref name="signal"/> pending for this thread (tgkill): it is delivered when the thread next returns to user code.</summary>
    public void Post(int signal)
    {
        ulong seen, next;
        do
        {
            seen = Volatile.Read(ref _pendingSignals);
            next = seen | Signal.Bit(signal);
        }
        while (Interlocked.CompareExchange(ref _pendingSignals, next, seen) != seen);
    }

    /// <summary>Takes the lowest pending signal not in <paramref name="blocked"/>, or 0.</summary>
    public int TakePending(ulong blocked)
    {
        while (true)
        {
            var seen = Volatile.Read(ref _pendingSignals);
            var deliverable = seen & ~blocked;
            if (deliverable == 0)
            {
                return 0;
            }

            var bit = deliverable & (ulong)-(long)deliverable;
            if (Interlocked.CompareExchange(ref _pendingSignals, seen & ~bit, seen) == seen)
            {
                return System.Numerics.BitOperations.TrailingZeroCount(bit) + 1;
            }
        }
    }
}
