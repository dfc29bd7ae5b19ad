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

    /// <summary>Whether the calling host thread holds the lock.</summary>
    public bool IsHeld
    {
        get
        {
            lock (_gate)
            {
                return _holder is not null && _holderThread == Environment.CurrentManagedThreadId;
            }
        }
    }

    /// <summary>Starts time slices: needed once a second guest thread exists.</summary>
    public void EnableSlicing()
    {
        lock (_gate)
        {
            _preemption ??= new Timer(_ => PreemptIfOverdue(), null, Slice, Slice);
        }
    }

    public void Enter(IVcpu vcpu)
    {
        lock (_gate)
        {
            if (_holder is not null && _holderThread == Environment.CurrentManagedThreadId)
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
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            if (_holder is null || _holderThread != Environment.CurrentManagedThreadId)
            {
                throw new InvalidOperationException($"the execution lock is released by thread {Environment.CurrentManagedThreadId}, which does not hold it");
            }

            _holder = null;
            _holderThread = 0;
            _serving++;
            System.Threading.Monitor.PulseAll(_gate);
        }
    }

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
            executionLock.Exit();
        }

        public void Dispose()
        {
            if (_lock is not null)
            {
                _lock.Enter(_vcpu!);
            }
        }
    }
}
