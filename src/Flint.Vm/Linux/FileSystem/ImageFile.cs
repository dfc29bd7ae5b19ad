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

    public static ImageFile Open(FsNode node) => new(node, File.OpenHandle(node.HostPath!, FileMode.Open, FileAccess.Read));

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
        catch (IOException)
        {
            return -Errno.EIO;
        }
    }

    public override long Seek(long offset, int whence)
    {
        lock (_lock)
        {
            var target = SeekableContent.Seek(_position, RandomAccess.GetLength(handle), offset, whence);
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
