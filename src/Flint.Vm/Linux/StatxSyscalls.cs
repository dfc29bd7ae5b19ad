using System.Buffers.Binary;
using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.FileSystem;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>statx(2): the basic stats of a path or fd in <c>struct statx</c> (256 bytes), from the same values fstat reports.</summary>
internal static class StatxSyscalls
{
    public const int StatxSize = 256;
    public const uint STATX_BASIC_STATS = 0x7FF;
    private const uint STATX__RESERVED = 0x8000_0000;
    private const ulong AT_STATX_SYNC_TYPE = 0x6000;
    private const ulong KnownFlags = GuestPaths.AT_EMPTY_PATH | GuestPaths.AT_SYMLINK_NOFOLLOW | 0x800 | AT_STATX_SYNC_TYPE;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(332, "statx", Statx);
    }

    private static long Statx(GuestProcess process, in SyscallArgs a)
    {
        ulong dirfd = a.A0, pathAddress = a.A1, flags = a.A2, mask = a.A3, buffer = a.A4;
        if ((flags & ~KnownFlags) != 0 || (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED) != 0)
        {
            return -Errno.EINVAL;
        }

        var error = GuestPaths.ReadPath(process, pathAddress, out var path);
        if (error < 0)
        {
            return error;
        }

        var stat = new LinuxStat { UserId = LinuxIdentity.UserId, GroupId = LinuxIdentity.GroupId, LinkCount = 1, BlockSize = 4096 };
        if (path.Length == 0 && (flags & GuestPaths.AT_EMPTY_PATH) != 0 && (int)dirfd != GuestPaths.AT_FDCWD)
        {
            if (process.Files.Get((ulong)(uint)(int)dirfd) is not { } file)
            {
                return -Errno.EBADF;
            }

            stat.Mode = file.Mode;
            file.Describe(ref stat);
        }
        else
        {
            var lookup = GuestPaths.Resolve(process, dirfd, pathAddress, (flags & GuestPaths.AT_SYMLINK_NOFOLLOW) == 0, (flags & GuestPaths.AT_EMPTY_PATH) != 0);
            if (lookup.Node is not { } node)
            {
                return lookup.Error;
            }

            NodeStat.Describe(node, ref stat);
        }

        var bytes = Encode(in stat);
        return process.Memory.TryWrite(new GuestAddress(buffer), GuestAccess.UserWrite, bytes) ? 0 : -Errno.EFAULT;
    }

    /// <summary>struct statx from struct stat: device numbers split into major and minor, the times with no nanoseconds.</summary>
    public static byte[] Encode(in LinuxStat stat)
    {
        var bytes = new byte[StatxSize];
        var s = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, STATX_BASIC_STATS);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)stat.BlockSize);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], (uint)stat.LinkCount);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], stat.UserId);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], stat.GroupId);
        BinaryPrimitives.WriteUInt16LittleEndian(s[28..], (ushort)stat.Mode);
        BinaryPrimitives.WriteUInt64LittleEndian(s[32..], stat.Inode);
        BinaryPrimitives.WriteInt64LittleEndian(s[40..], stat.Size);
        BinaryPrimitives.WriteInt64LittleEndian(s[48..], stat.Blocks);
        BinaryPrimitives.WriteInt64LittleEndian(s[64..], stat.AccessTime);
        BinaryPrimitives.WriteInt64LittleEndian(s[96..], stat.ChangeTime);
        BinaryPrimitives.WriteInt64LittleEndian(s[112..], stat.ModifyTime);
        BinaryPrimitives.WriteUInt32LittleEndian(s[128..], (uint)(stat.SpecialDevice >> 8) & 0xFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(s[132..], (uint)stat.SpecialDevice & 0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(s[136..], (uint)(stat.Device >> 8) & 0xFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(s[140..], (uint)stat.Device & 0xFF);
        return bytes;
    }
}
