using System.Runtime.InteropServices;
using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Files;
using Microsoft.Win32.SafeHandles;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>A regular file of the function's image, opened read-only on the host; the position is the description's.</summary>
internal sealed class ImageFile(FsNode node, SafeFileHandle handle) : OpenFile, INodeFile
{
    private readonly Lock _lock = new();
    private long _position;

    public FsNode Node => node;

    public override uint Mode => node.Mode;

    /// <summary>
    /// Opens without following a link and without blocking (a FIFO in the image opens at once and then fails its
    /// reads); the open file's errno is returned in <paramref name="error"/> when it cannot be opened.
    /// </summary>
    public static ImageFile? Open(FsNode node, out long error)
    {
        var fd = Fcntl.open(node.HostPath!, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK | Fcntl.O_NOFOLLOW, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            error = -(errno is Errno.EACCES or Errno.ELOOP ? errno : Errno.EIO);
            return null;
        }

        error = 0;
        return new ImageFile(node, new SafeFileHandle(fd, ownsHandle: true));
    }

    public override long Read(GuestProcess process, Span<byte> buffer)
    {
        lock (_lock)
        {
            var read = ReadAt(process, buffer, _position);
            if (read > 0)
            {
                _position += read;
            }

            return read;
        }
    }

    public override long ReadAt(GuestProcess process, Span<byte> buffer, long offset)
    {
        try
        {
            return RandomAccess.Read(handle, buffer, offset);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or UnauthorizedAccessException)
        {
            return -Errno.EIO;
        }
    }

    public override long Seek(long offset, int whence)
    {
        lock (_lock)
        {
            long length;
            try
            {
                length = RandomAccess.GetLength(handle);
            }
            catch (Exception e) when (e is IOException or NotSupportedException)
            {
                return -Errno.ESPIPE;
            }

            var target = SeekableContent.Seek(_position, length, offset, whence);
            if (target >= 0)
            {
                _position = target;
            }

            return target;
        }
    }

    public override void Describe(ref LinuxStat stat) => NodeStat.Describe(node, ref stat);

    protected override void OnClosed() => handle.Dispose();
}
