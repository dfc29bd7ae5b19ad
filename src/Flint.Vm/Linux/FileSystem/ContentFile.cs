using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Files;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>A synthesized file (/proc, /sys): its contents are generated once, when it is opened, as Linux does per read.</summary>
internal sealed class ContentFile(FsNode node, byte[] content) : OpenFile, INodeFile
{
    private readonly Lock _lock = new();
    private long _position;

    public FsNode Node => node;

    public override uint Mode => node.Mode;

    public override long Read(GuestProcess process, Span<byte> buffer)
    {
        lock (_lock)
        {
            var read = ReadAt(process, buffer, _position);
            _position += read;
            return read;
        }
    }

    public override long ReadAt(GuestProcess process, Span<byte> buffer, long offset)
    {
        if (offset >= content.Length)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, content.Length - offset);
        content.AsSpan((int)offset, count).CopyTo(buffer);
        return count;
    }

    public override long Seek(long offset, int whence)
    {
        lock (_lock)
        {
            var target = SeekableContent.Seek(_position, content.Length, offset, whence);
            if (target >= 0)
            {
                _position = target;
            }

            return target;
        }
    }

    public override void Describe(ref LinuxStat stat) => NodeStat.Describe(node, ref stat);
}
