using Flint.Interop.Libc;
using Flint.Vm.Linux.Files;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>Opens a resolved node as an open file description, with Linux's checks of the open flags on a read-only file system.</summary>
internal static class NodeOpener
{
    /// <summary>The description, or a negative errno in <paramref name="error"/>.</summary>
    public static OpenFile? Open(VirtualFileSystem fileSystem, FsNode node, int flags, GuestProcess process, out long error)
    {
        error = 0;
        var access = flags & FileFlags.O_ACCMODE;
        if ((flags & FileFlags.O_PATH) != 0)
        {
            return new PathFile(node) { StatusFlags = FileFlags.O_PATH };
        }

        if (node.Kind == FsNodeKind.SymbolicLink)
        {
            error = -Errno.ELOOP;  // O_NOFOLLOW on a link
            return null;
        }

        if ((flags & FileFlags.O_DIRECTORY) != 0 && node.Kind != FsNodeKind.Directory)
        {
            error = -Errno.ENOTDIR;
            return null;
        }

        var writing = access != FileFlags.O_RDONLY || (flags & FileFlags.O_TRUNC) != 0;
        if (writing && node.Kind != FsNodeKind.Device)
        {
            error = node.Kind == FsNodeKind.Directory ? -Errno.EISDIR : node.IsSynthetic ? -Errno.EACCES : -Errno.EROFS;
            return null;
        }

        if ((flags & (FileFlags.O_CREAT | FileFlags.O_EXCL)) == (FileFlags.O_CREAT | FileFlags.O_EXCL))
        {
            error = -Errno.EEXIST;
            return null;
        }

        OpenFile? file;
        try
        {
            file = node.Kind switch
            {
                FsNodeKind.Directory => new DirectoryFile(node, [(".", node), ("..", node), .. fileSystem.List(node, process)]),
                FsNodeKind.Device => new DeviceFile(node),
                _ when node.Content is { } content => new ContentFile(node, content(process)),
                _ => ImageFile.Open(node, out error),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e is UnauthorizedAccessException ? -Errno.EACCES : -Errno.EIO;
            return null;
        }

        if (file is null)
        {
            return null;
        }

        file.StatusFlags = LargeFile | access | (flags & (FileFlags.O_NONBLOCK | FileFlags.O_APPEND));
        return file;
    }

    /// <summary>O_LARGEFILE: Linux sets it on every x86-64 open, and F_GETFL reports it.</summary>
    public const int LargeFile = 0x8000;
}
