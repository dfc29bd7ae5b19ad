using System.Security.Cryptography;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Files;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>/dev/null (end of file), /dev/zero (zeros), /dev/random and /dev/urandom (a CSPRNG); writes to each are discarded.</summary>
internal sealed class DeviceFile(FsNode node) : OpenFile, INodeFile
{
    public FsNode Node => node;

    public override uint Mode => node.Mode;

    public override long Read(GuestProcess process, Span<byte> buffer)
    {
        switch (node.GuestPath)
        {
            case "/dev/null":
                return 0;
            case "/dev/zero":
                buffer.Clear();
                break;
            default:
                RandomNumberGenerator.Fill(buffer);
                break;
        }

        return buffer.Length;
    }

    public override long Write(GuestProcess process, ReadOnlySpan<byte> data) => data.Length;

    public override long ReadAt(GuestProcess process, Span<byte> buffer, long offset) => Read(process, buffer);

    public override long Seek(long offset, int whence) => 0;

    public override void Describe(ref LinuxStat stat) => NodeStat.Describe(node, ref stat);
}
