using Flint.Vm.Cpu;

namespace Flint.Vm.Monitor;

/// <summary>
/// Lets one guest thread at a time execute guest code or a non-blocking syscall handler (the emulated CPU's
/// <c>lock</c>-prefixed instructions are atomic only within one engine; on KVM it also keeps the one IST and kernel
/// stack of the VM to one vCPU at a time). A ticket lock, so threads take turns in arrival order; blocking syscalls
/// run outside it. While others wait, the holder's vCPU is preempted after a time slice, so a spinning guest thread
/// never starves the others.
/// </summary>
internal sealed class ExecutionLock : IDisposable
{
    public static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(2);
    private readonly object _gate = new();
    private Timer? _preemption;
    private long _nextTicket;
    private long _serving;
    private IVcpu? _holder;
    private int _holderThread;
    private long _holderSince;
    private int _waiting;

    /// <summary>Whether the calling host thread holds the lock.</summary>
    public bool IsHeld
    {
        get
        {
            lock (_gate)
            {
                return _holderThread == Environment.CurrentManagedThreadId;
            }
        }
    }

    /// <summary>Starts time slices: needed once a second guest thread exists.</summary>
    /// <summary>
    /// How many threads gave the lock up to block on the host inside a syscall (<see cref="Suspend"/>) and have not
    /// got it back: a thread that wants it back to finish its syscall still counts. When the caller holds the lock
    /// and this equals the number of guest threads, no guest thread is in user code: the process is quiescent.
    /// </summary>
    public int WaitingInSyscalls
    {
        get
        {
            lock (_gate)
            {
                return _waiting;
            }
        }
    }

    public void EnableSlicing()
    {
        lock (_gate)
        {
            _preemption ??= new Timer(_ => PreemptIfOverdue(), null, Slice, Slice);
        }
    }

    public void Enter(IVcpu? vcpu) => Enter(vcpu, afterWait: false);

    public void Exit() => Exit(forWait: false);

    /// <summary>
    /// Lets the other guest threads run while the calling one waits on the host (a socket, a pipe, an epoll set);
    /// disposing the result takes a turn again. Nothing when the caller does not hold the lock.
    /// </summary>
    public Suspension Suspend(IVcpu vcpu) => IsHeld ? new Suspension(this, vcpu) : default;

    public void Dispose()
    {
        lock (_gate)
        {
            _preemption?.Dispose();
            _preemption = null;
        }
    }

    private void Enter(IVcpu? vcpu, bool afterWait)
    {
        lock (_gate)
        {
            if (_holderThread == Environment.CurrentManagedThreadId)
            {
                throw new InvalidOperationException("the execution lock is not re-entrant: this thread already holds it");
            }

            var ticket = _nextTicket++;
            while (ticket != _serving)
            {
                System.Threading.Monitor.Wait(_gate);
            }

            _holder = vcpu;
            _holderThread = Environment.CurrentManagedThreadId;
            _holderSince = Environment.TickCount64;
            if (afterWait)
            {
                _waiting--;
            }
        }
    }

    private void Exit(bool forWait)
    {
        lock (_gate)
        {
            if (_holderThread != Environment.CurrentManagedThreadId)
            {
                throw new InvalidOperationException($"the execution lock is released by thread {Environment.CurrentManagedThreadId}, which does not hold it");
            }

            _holder = null;
            _holderThread = 0;
            _serving++;
            if (forWait)
            {
                _waiting++;
            }

            System.Threading.Monitor.PulseAll(_gate);
        }
    }

    private void PreemptIfOverdue()
    {
        IVcpu? victim = null;
        lock (_gate)
        {
            if (_holder is not null && _nextTicket - _serving > 1 && Environment.TickCount64 - _holderSince >= Slice.TotalMilliseconds)
            {
                victim = _holder;
            }
        }

        victim?.RequestPreempt();
    }

    /// <summary>The execution lock given up for one host wait; <see cref="Dispose"/> takes it back.</summary>
    public readonly struct Suspension : IDisposable
    {
        private readonly ExecutionLock? _lock;
        private readonly IVcpu? _vcpu;

        internal Suspension(ExecutionLock executionLock, IVcpu vcpu)
        {
            _lock = executionLock;
            _vcpu = vcpu;
            executionLock.Exit(forWait: true);
        }

        public void Dispose()
        {
            _lock?.Enter(_vcpu, afterWait: true);
        }
    }
}
