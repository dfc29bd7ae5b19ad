using Flint.Interop.Kvm;

namespace Flint.Vm.Linux;

/// <summary>
/// The process's live threads, by thread id (the main thread's id is the process id; new ones count up), bounded by
/// <see cref="MaxThreads"/>. Starting a thread's vCPU and host thread is the VM's business: it installs
/// <see cref="Starter"/>; without one (a VM that cannot run more threads) clone fails with EAGAIN.
/// </summary>
internal sealed class ThreadGroup
{
    public const int MaxThreads = 64;
    private readonly Lock _lock = new();
    private readonly List<GuestThread> _live;
    private int _nextId;

    public ThreadGroup(GuestThread main)
    {
        Main = main;
        main.Group = this;
        _live = [main];
        _nextId = main.Id + 1;
    }

    public GuestThread Main { get; }

    /// <summary>The id the next thread gets; a snapshot keeps it.</summary>
    public int NextId
    {
        get
        {
            lock (_lock)
            {
                return _nextId;
            }
        }

        set
        {
            lock (_lock)
            {
                _nextId = value;
            }
        }
    }

    /// <summary>Creates a vCPU for a new thread with this id and context (FS base included), and starts it.</summary>
    public Func<int, kvm_regs, ulong, GuestThread>? Starter { get; set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _live.Count;
            }
        }
    }

    public IReadOnlyList<GuestThread> Live
    {
        get
        {
            lock (_lock)
            {
                return [.. _live];
            }
        }
    }

    public GuestThread? Find(long id)
    {
        lock (_lock)
        {
            return _live.Find(t => t.Id == id);
        }
    }

    /// <summary>Reserves an id for a new thread, or null when the process has <see cref="MaxThreads"/> already.</summary>
    public int? ReserveId()
    {
        lock (_lock)
        {
            return _live.Count >= MaxThreads || Starter is null ? null : _nextId++;
        }
    }

    public void Add(GuestThread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        thread.Group = this;
        lock (_lock)
        {
            _live.Add(thread);
        }
    }

    /// <summary>Removes an exited thread; returns how many remain.</summary>
    public int Remove(GuestThread thread)
    {
        lock (_lock)
        {
            _live.Remove(thread);
            return _live.Count;
        }
    }
}
