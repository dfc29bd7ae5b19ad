using Flint.Interop.Libc;
using Flint.Vm.Linux.Files;

namespace Flint.Vm.Linux.Events;

/// <summary>
/// An inotify instance over the guest's read-only file system: watches are recorded and numbered as Linux numbers
/// them (one per inode, reused on a second add), and no event ever arrives, because nothing in the image changes.
/// A read waits until the VM stops (-EAGAIN when non-blocking); poll never reports it readable.
/// </summary>
internal sealed class InotifyFile : OpenFile
{
    /// <summary>Watches an instance may hold (Linux's default max_user_watches is far higher; runtimes add a few).</summary>
    public const int MaxWatches = 8192;
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, int> _byInode = [];
    private int _lastDescriptor;

    public override uint Mode => 0x180;  // anon_inode: no type bits, rw-------

    /// <summary>The watches (inode, descriptor) and the last descriptor given, which a snapshot keeps.</summary>
    public (KeyValuePair<ulong, int>[] Watches, int LastDescriptor) State
    {
        get
        {
            lock (_lock)
            {
                return ([.. _byInode], _lastDescriptor);
            }
        }

        set
        {
            lock (_lock)
            {
                _byInode.Clear();
                foreach (var (inode, descriptor) in value.Watches.Take(MaxWatches))
                {
                    _byInode[inode] = descriptor;
                }

                _lastDescriptor = value.LastDescriptor;
            }
        }
    }

    /// <summary>The watch descriptor of <paramref name="inode"/>, a new one on its first watch; -ENOSPC past <see cref="MaxWatches"/>.</summary>
    public long Watch(ulong inode)
    {
        lock (_lock)
        {
            if (_byInode.TryGetValue(inode, out var existing))
            {
                return existing;
            }

            if (_byInode.Count >= MaxWatches)
            {
                return -Errno.ENOSPC;
            }

            _byInode[inode] = ++_lastDescriptor;
            return _lastDescriptor;
        }
    }

    public long Unwatch(long descriptor)
    {
        lock (_lock)
        {
            foreach (var (inode, wd) in _byInode)
            {
                if (wd == descriptor)
                {
                    _byInode.Remove(inode);
                    return 0;
                }
            }

            return -Errno.EINVAL;
        }
    }

    public override long Read(GuestProcess process, Span<byte> buffer)
    {
        if (buffer.Length < InotifySyscalls.EventHeaderSize)
        {
            return -Errno.EINVAL;
        }

        if (IsNonBlocking)
        {
            return -Errno.EAGAIN;
        }

        using (process.LetOthersRun())
        {
            process.Stopping.WaitHandle.WaitOne();
        }

        return -Errno.EINTR;
    }

    public override long Write(GuestProcess process, ReadOnlySpan<byte> data) => -Errno.EINVAL;

    public override PollEvents Poll() => PollEvents.None;
}
