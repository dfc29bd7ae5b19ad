using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Files;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>An O_PATH descriptor: it names a node (fstat, fchdir, a dirfd) but cannot be read, written or seeked.</summary>
internal sealed class PathFile(FsNode node) : OpenFile, INodeFile
{
    public FsNode Node => node;

    public override uint Mode => node.Mode;

    public override long ReadAt(GuestProcess process, Span<byte> buffer, long offset) => -Errno.EBADF;

    public override long Seek(long offset, int whence) => -Errno.EBADF;

    public override long Ioctl(GuestProcess process, ulong request, ulong argument) => -Errno.EBADF;

    public override void Describe(ref LinuxStat stat) => NodeStat.Describe(node, ref stat);

    public override PollEvents Poll() => PollEvents.None;
}
