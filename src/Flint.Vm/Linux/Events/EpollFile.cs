using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Files;
using Flint.Vm.Linux.Net;

namespace Flint.Vm.Linux.Events;

/// <summary>
/// An epoll instance: an interest list keyed by fd, as the guest registered it. Level-triggered entries are reported
/// while ready; edge-triggered ones once per change (see <see cref="IIoGeneration"/>); one-shot ones once until
/// re-armed. An fd that was closed, or now names another file, is not reported (Linux drops it with its file).
/// </summary>
internal sealed class EpollFile : OpenFile
{
    public const uint EPOLLIN = 0x001;
    public const uint EPOLLOUT = 0x004;
    public const uint EPOLLERR = 0x008;
    public const uint EPOLLHUP = 0x010;
    public const uint EPOLLRDHUP = 0x2000;
    public const uint EPOLLEXCLUSIVE = 1u << 28;
    public const uint EPOLLWAKEUP = 1u << 29;
    public const uint EPOLLONESHOT = 1u << 30;
    public const uint EPOLLET = 1u << 31;
    private const uint Always = EPOLLERR | EPOLLHUP;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, EpollInterest> _interests = [];

    public override uint Mode => 0x180;

    /// <summary>The registered interests, which a snapshot keeps.</summary>
    public EpollInterest[] Interests
    {
        get
        {
            lock (_lock)
            {
                return [.. _interests.Values];
            }
        }
    }

    /// <summary>Puts back an interest from a snapshot, as it was registered.</summary>
    public void Restore(EpollInterest interest)
    {
        ArgumentNullException.ThrowIfNull(interest);
        lock (_lock)
        {
            _interests[interest.Fd] = interest;
        }
    }

    public long Add(int fd, OpenFile file, in EpollEvent request)
    {
        lock (_lock)
        {
            if (_interests.TryGetValue(fd, out var existing) && ReferenceEquals(existing.File, file))
            {
                return -Errno.EEXIST;
            }

            _interests[fd] = new EpollInterest(fd, file) { Events = request.Events, Data = request.Data };
            return 0;
        }
    }

    public long Modify(int fd, OpenFile file, in EpollEvent request)
    {
        lock (_lock)
        {
            if (!_interests.TryGetValue(fd, out var interest) || !ReferenceEquals(interest.File, file))
            {
                return -Errno.ENOENT;
            }

            interest.Events = request.Events;
            interest.Data = request.Data;
            interest.Disarmed = false;
            interest.Reported = PollEvents.None;
            interest.ReportedGeneration = -1;
            return 0;
        }
    }

    public long Remove(int fd, OpenFile file)
    {
        lock (_lock)
        {
            return _interests.TryGetValue(fd, out var interest) && ReferenceEquals(interest.File, file) && _interests.Remove(fd) ? 0 : -Errno.ENOENT;
        }
    }

    /// <summary>Fills <paramref name="ready"/> with what is ready now; adds the host sockets a wait should watch.</summary>
    public int Collect(GuestProcess process, Span<EpollEvent> ready, ReadinessWatch watch)
    {
        EpollInterest[] interests;
        lock (_lock)
        {
            interests = [.. _interests.Values];
        }

        var count = 0;
        foreach (var interest in interests)
        {
            if (count == ready.Length)
            {
                break;
            }

            if (interest.Disarmed || !ReferenceEquals(process.Files.Get((ulong)interest.Fd), interest.File))
            {
                continue;
            }

            var now = interest.File.Poll();
            var wanted = (uint)now & (interest.Events | Always);
            if (interest.File is GuestSocket { HostSocket: { } host })
            {
                // Select waits for what is wanted and not there yet; a ready socket would end it at once, so one whose
                // edge was reported (readable still) is looked at again by polling instead.
                if ((interest.Events & EPOLLIN) != 0)
                {
                    if ((now & PollEvents.In) == 0)
                    {
                        watch.Sockets.Add(host);
                    }
                    else
                    {
                        watch.NeedsPolling = true;
                    }
                }

                if ((interest.Events & EPOLLOUT) != 0 && (now & PollEvents.Out) == 0)
                {
                    watch.WriteSockets.Add(host);
                }
            }

            var generation = interest.File is IIoGeneration counted ? counted.IoGeneration : -2;
            if ((interest.Events & EPOLLET) != 0)
            {
                var fresh = wanted & ~(uint)interest.Reported;
                var again = generation != interest.ReportedGeneration || generation == -2 ? wanted : 0;
                interest.Reported = (PollEvents)wanted;
                if ((fresh | again) == 0)
                {
                    continue;
                }

                interest.ReportedGeneration = generation;
            }

            if (wanted == 0)
            {
                continue;
            }

            if ((interest.Events & EPOLLONESHOT) != 0)
            {
                interest.Disarmed = true;
            }

            ready[count++] = new EpollEvent { Events = wanted, Data = interest.Data };
        }

        return count;
    }

    public override PollEvents Poll() => PollEvents.None;
}
