using System.Buffers.Binary;
using System.Text;
using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Files;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>An open directory: getdents64 walks its entries (listed when opened, "." and ".." first); the position is an entry index.</summary>
internal sealed class DirectoryFile(FsNode node, IReadOnlyList<(string Name, FsNode Node)> entries) : OpenFile, INodeFile
{
    private const int HeaderSize = 19;  // d_ino, d_off, d_reclen, d_type
    private readonly Lock _lock = new();
    private int _position;

    public FsNode Node => node;

    public override uint Mode => node.Mode;

    public override long Read(GuestProcess process, Span<byte> buffer) => -Errno.EISDIR;

    public override long ReadAt(GuestProcess process, Span<byte> buffer, long offset) => -Errno.EISDIR;

    public override long Seek(long offset, int whence)
    {
        lock (_lock)
        {
            var target = whence switch
            {
                SeekableContent.SEEK_SET => offset,
                SeekableContent.SEEK_CUR => _position + offset,
                _ => -1,
            };
            if (target < 0 || target > int.MaxValue)
            {
                return -Errno.EINVAL;
            }

            _position = (int)target;
            return target;
        }
    }

    /// <summary>getdents64: as many <c>linux_dirent64</c> records as fit; 0 at the end; -EINVAL if the next one does not fit.</summary>
    public long ReadEntries(Span<byte> buffer)
    {
        lock (_lock)
        {
            var written = 0;
            while (_position < entries.Count)
            {
                var (name, entry) = entries[_position];
                var nameBytes = Encoding.UTF8.GetBytes(name);
                var length = (HeaderSize + nameBytes.Length + 1 + 7) & ~7;
                if (written + length > buffer.Length)
                {
                    return written > 0 ? written : -Errno.EINVAL;
                }

                var record = buffer.Slice(written, length);
                record.Clear();
                BinaryPrimitives.WriteUInt64LittleEndian(record, entry.Inode);
                BinaryPrimitives.WriteInt64LittleEndian(record[8..], _position + 1);
                BinaryPrimitives.WriteUInt16LittleEndian(record[16..], (ushort)length);
                record[18] = entry.DirectoryEntryType;
                nameBytes.CopyTo(record[HeaderSize..]);
                written += length;
                _position++;
            }

            return written;
        }
    }

    public override void Describe(ref LinuxStat stat) => NodeStat.Describe(node, ref stat);
}
