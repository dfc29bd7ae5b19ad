using Flint.Vm.Linux.Files;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>
/// One resolved guest path: an image file or directory (<see cref="HostPath"/> inside the root directory), a
/// synthesized file (<see cref="Content"/>, generated from the VM when opened), a device, or a symbolic link.
/// </summary>
internal sealed record FsNode(string GuestPath, FsNodeKind Kind)
{
    /// <summary>Device number of the image ("/"), and of the synthesized /proc, /sys and /dev.</summary>
    public const ulong ImageDevice = 0x801;
    public const ulong SyntheticDevice = 0x14;

    public string? HostPath { get; init; }

    public Func<GuestProcess, byte[]>? Content { get; init; }

    public string? LinkTarget { get; init; }

    /// <summary>Character devices: the device number fstat reports as st_rdev.</summary>
    public ulong SpecialDevice { get; init; }

    public uint Permissions { get; init; } = 0x1ED;  // 0755

    public bool IsSynthetic => HostPath is null;

    public uint Mode => Kind switch
    {
        FsNodeKind.Directory => FileFlags.TypeDirectory,
        FsNodeKind.Device => FileFlags.TypeCharacterDevice,
        FsNodeKind.SymbolicLink => FileFlags.TypeSymbolicLink,
        _ => FileFlags.TypeRegular,
    } | Permissions;

    /// <summary>A stable inode number from the path (never 0).</summary>
    public ulong Inode
    {
        get
        {
            var hash = 14695981039346656037UL;
            foreach (var c in GuestPath)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            return (hash >> 1) | 1;
        }
    }

    /// <summary>getdents64's d_type.</summary>
    public byte DirectoryEntryType => Kind switch
    {
        FsNodeKind.Directory => 4,
        FsNodeKind.Device => 2,
        FsNodeKind.SymbolicLink => 10,
        _ => 8,
    };
}
