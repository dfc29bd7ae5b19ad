using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;

namespace Flint.Vm.Linux.Files;

/// <summary>
/// An open file description: what one or more guest fds refer to (a standard stream, an image file, a synthesized
/// /proc file, a socket, an epoll set, a pipe end). Each operation returns the value for RAX; the defaults are what
/// Linux answers for a description not opened for it. Reference-counted by <see cref="FileTable"/> (dup, close), so
/// <see cref="OnClosed"/> runs once, when the last fd goes.
/// </summary>
internal abstract class OpenFile
{
    private int _references = 1;

    /// <summary>S_IFMT type and permission bits, as fstat reports them.</summary>
    public abstract uint Mode { get; }

    /// <summary>File status flags (O_NONBLOCK, O_APPEND, the access mode), as F_GETFL reports them.</summary>
    public int StatusFlags { get; set; }

    public bool IsNonBlocking => (StatusFlags & FileFlags.O_NONBLOCK) != 0;

    public virtual long Read(GuestProcess process, Span<byte> buffer) => -Errno.EBADF;

    public virtual long Write(GuestProcess process, ReadOnlySpan<byte> data) => -Errno.EBADF;

    /// <summary>pread/pwrite and lseek: only files with a position have them.</summary>
    public virtual long ReadAt(GuestProcess process, Span<byte> buffer, long offset) => -Errno.ESPIPE;

    public virtual long Seek(long offset, int whence) => -Errno.ESPIPE;

    public virtual long Ioctl(GuestProcess process, ulong request, ulong argument) => -Errno.ENOTTY;

    /// <summary>Fills what fstat reports beyond <see cref="Mode"/> (size, inode); identity fields are set by the caller.</summary>
    public virtual void Describe(ref LinuxStat stat)
    {
    }

    /// <summary>What poll/epoll would report now (POLLIN, POLLOUT, POLLHUP, ...).</summary>
    public virtual PollEvents Poll() => PollEvents.In | PollEvents.Out;

    internal void AddReference() => Interlocked.Increment(ref _references);

    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            OnClosed();
        }
    }

    /// <summary>The last fd referring to this description was closed: release host resources.</summary>
    protected virtual void OnClosed()
    {
    }
}
