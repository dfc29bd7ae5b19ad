using Flint.Interop.Libc;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>
/// The process's futex wait queues, by guest address (all futexes are private to the one process). Checking the
/// word and queueing happen under one lock, as do wakes and requeues, so a wake between a thread's check and its
/// sleep is never lost. A wait blocks only its host thread and ends on a wake, its timeout, or the VM stopping.
/// </summary>
internal sealed class Futexes
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, List<FutexWaiter>> _queues = [];

    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _queues.Values.Sum(q => q.Count);
            }
        }
    }

    /// <summary>FUTEX_WAIT(_BITSET): 0 when woken, -EAGAIN when the word differs, -ETIMEDOUT, -EINTR when the VM stops.</summary>
    public long Wait(GuestMemory memory, ulong address, uint expected, uint bitset, TimeSpan? timeout, CancellationToken stopping)
    {
        FutexWaiter waiter;
        lock (_lock)
        {
            if (!memory.TryRead(new GuestAddress(address), GuestAccess.UserRead, out uint value))
            {
                return -Errno.EFAULT;
            }

            if (value != expected)
            {
                return -Errno.EAGAIN;
            }

            waiter = new FutexWaiter(address, bitset);
            Queue(address).Add(waiter);
        }

        bool woken;
        try
        {
            woken = timeout is { } limit ? waiter.Woken.Wait(limit, stopping) : WaitForever(waiter, stopping);
        }
        catch (OperationCanceledException)
        {
            woken = false;
        }

        lock (_lock)
        {
            if (waiter.Woken.IsSet)
            {
                woken = true;
            }
            else
            {
                Remove(waiter);
            }
        }

        waiter.Woken.Dispose();
        return woken ? 0 : stopping.IsCancellationRequested ? -Errno.EINTR : -Errno.ETIMEDOUT;
    }

    /// <summary>FUTEX_WAKE(_BITSET): wakes up to <paramref name="count"/> waiters whose bitset matches; returns how many.</summary>
    public int Wake(ulong address, int count, uint bitset)
    {
        lock (_lock)
        {
            if (!_queues.TryGetValue(address, out var queue))
            {
                return 0;
            }

            var woken = 0;
            for (var i = 0; i < queue.Count && woken < count;)
            {
                if ((queue[i].Bitset & bitset) != 0)
                {
                    queue[i].Woken.Set();
                    queue.RemoveAt(i);
                    woken++;
                }
                else
                {
                    i++;
                }
            }

            if (queue.Count == 0)
            {
                _queues.Remove(address);
            }

            return woken;
        }
    }

    /// <summary>
    /// FUTEX_(CMP_)REQUEUE: wakes up to <paramref name="wake"/> waiters and moves up to <paramref name="move"/> others
    /// to <paramref name="target"/>; with <paramref name="expected"/>, only if the word still holds it (-EAGAIN).
    /// </summary>
    public long Requeue(GuestMemory memory, ulong address, int wake, int move, ulong target, uint? expected)
    {
        lock (_lock)
        {
            if (expected is { } value)
            {
                if (!memory.TryRead(new GuestAddress(address), GuestAccess.UserRead, out uint current))
                {
                    return -Errno.EFAULT;
                }

                if (current != value)
                {
                    return -Errno.EAGAIN;
                }
            }

            var woken = Wake(address, wake, uint.MaxValue);
            if (!_queues.TryGetValue(address, out var queue) || address == target)
            {
                return woken;
            }

            var moved = queue.Take(move).ToList();
            queue.RemoveRange(0, moved.Count);
            if (queue.Count == 0)
            {
                _queues.Remove(address);
            }

            foreach (var waiter in moved)
            {
                waiter.Address = target;
                Queue(target).Add(waiter);
            }

            return woken + moved.Count;
        }
    }

    private static bool WaitForever(FutexWaiter waiter, CancellationToken stopping)
    {
        waiter.Woken.Wait(stopping);
        return true;
    }

    private List<FutexWaiter> Queue(ulong address)
    {
        if (!_queues.TryGetValue(address, out var queue))
        {
            queue = [];
            _queues[address] = queue;
        }

        return queue;
    }

    private void Remove(FutexWaiter waiter)
    {
        if (_queues.TryGetValue(waiter.Address, out var queue))
        {
            queue.Remove(waiter);
            if (queue.Count == 0)
            {
                _queues.Remove(waiter.Address);
            }
        }
    }
}
