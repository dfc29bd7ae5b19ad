using Flint.Interop.Libc;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>
/// The guest's read-only file system: the function's image (a host directory) as "/", with the synthesized /proc,
/// /sys and /dev over it. Paths are resolved one component at a time in the guest's namespace ("." and ".." never
/// leave "/"), and symbolic links in the image are followed as the guest would read them, so the host only ever
/// opens paths inside the root directory and never follows a link itself.
/// </summary>
internal sealed class VirtualFileSystem
{
    private const int MaxLinks = 40;
    private const int MaxNameLength = 255;
    private static readonly string[] SyntheticRoots = ["proc", "sys", "dev"];
    private readonly string? _root;

    public VirtualFileSystem(string? rootDirectory)
    {
        _root = rootDirectory is null ? null : Path.GetFullPath(rootDirectory);
    }

    /// <summary>The current directory, an absolute guest path (getcwd, relative paths).</summary>
    public string WorkingDirectory { get; set; } = "/";

    /// <summary>Resolves <paramref name="path"/> relative to <paramref name="directory"/> (an absolute guest path).</summary>
    public FsLookup Resolve(string directory, string path, bool followLast, GuestProcess process)
    {
        if (path.Length == 0)
        {
            return FsLookup.Failed(Errno.ENOENT);
        }

        var pending = new List<string>(Split(path));
        pending.Reverse();
        var parts = new List<string>();
        if (path[0] != '/')
        {
            parts.AddRange(Split(directory));
        }

        var node = Find("/", process)!;
        var links = 0;
        while (pending.Count > 0)
        {
            var name = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (name.Length > MaxNameLength)
            {
                return FsLookup.Failed(Errno.ENAMETOOLONG);
            }

            if (node.Kind != FsNodeKind.Directory)
            {
                return FsLookup.Failed(Errno.ENOTDIR);
            }

            if (name == ".")
            {
                continue;
            }

            if (name == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                node = Find(Join(parts), process)!;
                continue;
            }

            parts.Add(name);
            var next = Find(Join(parts), process);
            if (next is null)
            {
                return FsLookup.Failed(Errno.ENOENT);
            }

            if (next.Kind == FsNodeKind.SymbolicLink && (pending.Count > 0 || followLast))
            {
                if (++links > MaxLinks)
                {
                    return FsLookup.Failed(Errno.ELOOP);
                }

                var target = LinkTarget(next, process);
                parts.RemoveAt(parts.Count - 1);
                if (target.StartsWith('/'))
                {
                    parts.Clear();
                }

                var targetParts = Split(target);
                for (var i = targetParts.Length - 1; i >= 0; i--)
                {
                    pending.Add(targetParts[i]);
                }

                node = Find(Join(parts), process)!;
                continue;
            }

            node = next;
        }

        if (path.EndsWith('/') && node.Kind != FsNodeKind.Directory)
        {
            return FsLookup.Failed(node.Kind == FsNodeKind.SymbolicLink ? Errno.ELOOP : Errno.ENOTDIR);
        }

        return FsLookup.Found(node);
    }

    /// <summary>What a symbolic link points to, as readlink returns it.</summary>
    public static string LinkTarget(FsNode link, GuestProcess process)
        => link.GuestPath == "/proc/self/exe" ? process.ExecutablePath : link.LinkTarget ?? string.Empty;

    /// <summary>The entries of a directory, without "." and "..".</summary>
    public IEnumerable<(string Name, FsNode Node)> List(FsNode directory, GuestProcess process)
    {
        IEnumerable<(string, FsNode)> entries = [];
        if (directory.HostPath is { } host)
        {
            var isRoot = directory.GuestPath == "/";
            entries = System.IO.Directory.EnumerateFileSystemEntries(host)
                .Select(Path.GetFileName)
                .Where(name => !string.IsNullOrEmpty(name) && !(isRoot && SyntheticRoots.Contains(name)))
                .Select(name => (name!, Find(Combine(directory.GuestPath, name!), process)))
                .Where(e => e.Item2 is not null)
                .Select(e => (e.Item1, e.Item2!))
                .ToList();
        }

        if (directory.GuestPath == "/")
        {
            entries = entries.Concat(SyntheticRoots.Select(name => (name, SyntheticFiles.Nodes["/" + name])));
        }
        else if (directory.IsSynthetic)
        {
            entries = SyntheticFiles.Children(directory.GuestPath);
        }

        return entries.OrderBy(e => e.Item1, StringComparer.Ordinal);
    }

    /// <summary>The node at an absolute, normalized guest path with no symbolic link before its last component.</summary>
    private FsNode? Find(string guestPath, GuestProcess process)
    {
        if (guestPath == "/")
        {
            return new FsNode("/", FsNodeKind.Directory) { HostPath = _root };
        }

        var top = guestPath[1..].Split('/')[0];
        if (SyntheticRoots.Contains(top))
        {
            return SyntheticFiles.Nodes.GetValueOrDefault(guestPath);
        }

        if (_root is null)
        {
            return null;
        }

        var host = Path.Join(_root, guestPath[1..]);
        var info = new FileInfo(host);
        if (info.LinkTarget is { } target)
        {
            return new FsNode(guestPath, FsNodeKind.SymbolicLink) { HostPath = host, LinkTarget = target, Permissions = 0x1FF };
        }

        var permissions = (uint)(info.Exists ? info.UnixFileMode : System.IO.Directory.Exists(host) ? new DirectoryInfo(host).UnixFileMode : 0) & 0xFFF;
        return info.Exists ? new FsNode(guestPath, FsNodeKind.Regular) { HostPath = host, Permissions = permissions }
            : System.IO.Directory.Exists(host) ? new FsNode(guestPath, FsNodeKind.Directory) { HostPath = host, Permissions = permissions }
            : null;
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string Join(List<string> parts) => "/" + string.Join('/', parts);

    private static string Combine(string directory, string name) => directory == "/" ? "/" + name : directory + "/" + name;
}
