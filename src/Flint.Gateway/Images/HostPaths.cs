namespace Flint.Gateway.Images;

/// <summary>Host paths with every symbolic link resolved, so that a check of where a path lies cannot be walked around.</summary>
internal static class HostPaths
{
    private const int MaxLinks = 40;

    /// <summary>
    /// The absolute path with each symbolic link along it replaced by its target, as far as the
    /// path exists (a missing tail is kept as written, <c>..</c> applied).
    /// </summary>
    public static string Resolve(string path)
    {
        var pending = new LinkedList<string>(Segments(Path.GetFullPath(path)));
        var current = "/";
        var links = 0;
        while (pending.First is { } first)
        {
            var segment = first.Value;
            pending.RemoveFirst();
            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = Path.Combine(current, segment);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many symbolic links resolving '{path}'");
            }

            foreach (var part in Segments(target).Reverse())
            {
                pending.AddFirst(part);
            }

            if (Path.IsPathRooted(target))
            {
                current = "/";
            }
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> (resolved) is <paramref name="root"/> (resolved) or lies under it.</summary>
    public static bool IsUnder(string path, string root)
    {
        var prefix = root.TrimEnd('/') + "/";
        return path == root.TrimEnd('/') || path.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string[] Segments(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".")];
}
