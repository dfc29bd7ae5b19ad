using Flint.Interop.Libc;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>The (dirfd, path) pair of the *at syscalls: reads the path from guest memory and resolves it.</summary>
internal static class GuestPaths
{
    public const int AT_FDCWD = -100;
    public const ulong AT_SYMLINK_NOFOLLOW = 0x100;
    public const ulong AT_EMPTY_PATH = 0x1000;
    public const int MaxPath = 4096;

    /// <summary>Reads a NUL-terminated path: -EFAULT for a bad pointer, -ENAMETOOLONG past PATH_MAX.</summary>
    public static long ReadPath(GuestProcess process, ulong address, out string path)
    {
        if (!process.Memory.TryReadCString(new GuestAddress(address), MaxPath + 1, GuestAccess.UserRead, out path))
        {
            // No NUL in PATH_MAX readable bytes is too long a name; an unreadable byte before it is a bad pointer.
            return process.Memory.TryGetSpan(new GuestAddress(address), MaxPath + 1, GuestAccess.UserRead, out _) ? -Errno.ENAMETOOLONG : -Errno.EFAULT;
        }

        return path.Length >= MaxPath ? -Errno.ENAMETOOLONG : 0;
    }

    /// <summary>The absolute guest directory a relative path starts from: the cwd for AT_FDCWD, else the directory fd's.</summary>
    public static long StartDirectory(GuestProcess process, ulong dirfd, out string directory)
    {
        directory = process.FileSystem.WorkingDirectory;
        if ((int)dirfd == AT_FDCWD)
        {
            return 0;
        }

        var file = process.Files.Get((ulong)(uint)(int)dirfd);
        if ((int)dirfd < 0 || file is null)
        {
            return -Errno.EBADF;
        }

        if (file is not INodeFile { Node: { Kind: FsNodeKind.Directory } node })
        {
            return -Errno.ENOTDIR;
        }

        directory = node.GuestPath;
        return 0;
    }

    /// <summary>Reads and resolves (dirfd, path); an empty path with <paramref name="emptyPathIsFd"/> names dirfd itself.</summary>
    public static FsLookup Resolve(GuestProcess process, ulong dirfd, ulong pathAddress, bool followLast, bool emptyPathIsFd = false)
    {
        var error = ReadPath(process, pathAddress, out var path);
        if (error < 0)
        {
            return new FsLookup(null, error);
        }

        if (path.Length == 0 && emptyPathIsFd)
        {
            return (int)dirfd == AT_FDCWD ? process.FileSystem.Resolve("/", process.FileSystem.WorkingDirectory, true, process)
                : process.Files.Get((ulong)(uint)(int)dirfd) is INodeFile named ? FsLookup.Found(named.Node)
                : new FsLookup(null, -Errno.EBADF);
        }

        if (path.Length > 0 && path[0] != '/')
        {
            error = StartDirectory(process, dirfd, out var directory);
            return error < 0 ? new FsLookup(null, error) : process.FileSystem.Resolve(directory, path, followLast, process);
        }

        return process.FileSystem.Resolve("/", path, followLast, process);
    }
}
