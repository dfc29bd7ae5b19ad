using Flint.Vm.Linux.Abi;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>Fills the parts of <c>struct stat</c> a node knows: type and permissions, inode, device, size, times.</summary>
internal static class NodeStat
{
    public static void Describe(FsNode node, ref LinuxStat stat)
    {
        stat.Mode = node.Mode;
        stat.Inode = node.Inode;
        stat.Device = node.IsSynthetic ? FsNode.SyntheticDevice : FsNode.ImageDevice;
        stat.SpecialDevice = node.SpecialDevice;
        stat.LinkCount = node.Kind == FsNodeKind.Directory ? 2UL : 1UL;
        stat.BlockSize = 4096;
        if (node.HostPath is not { } host)
        {
            return;
        }

        FileSystemInfo info = node.Kind == FsNodeKind.Directory ? new DirectoryInfo(host) : new FileInfo(host);
        stat.Size = node.Kind switch
        {
            FsNodeKind.Regular => ((FileInfo)info).Length,
            FsNodeKind.SymbolicLink => node.LinkTarget?.Length ?? 0,
            _ => 4096,
        };
        stat.Blocks = (stat.Size + 511) / 512;
        var modified = new DateTimeOffset(info.LastWriteTimeUtc);
        stat.ModifyTime = stat.ChangeTime = stat.AccessTime = modified.ToUnixTimeSeconds();
    }
}
