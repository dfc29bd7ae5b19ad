namespace Flint.Oci.Bundle;

/// <summary>
/// Resolves a path as the container would see it, inside its root filesystem: symbolic links are followed
/// relative to the root (an absolute target starts again at the root, <c>..</c> stops at it), so no link in an
/// image leads outside. At most 40 links, as Linux allows.
/// </summary>
internal static class RootfsPath
{
    private const int MaxLinks = 40;

    /// <summary>The host path of <paramref name="path"/> (relative paths start at <paramref name="from"/>), or null for a link loop.</summary>
    public static string? Resolve(string rootfs, string path, string from = "/")
    {
        var pending = new List<string>(Split(path.StartsWith('/') ? path : from + "/" + path));
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending[0];
            pending.RemoveAt(0);
            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var host = Path.Combine(rootfs, string.Join('/', [.. resolved, part]));
            if (new FileInfo(host).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    return null;
                }

                if (target.StartsWith('/'))
                {
                    resolved.Clear();
                }

                pending.InsertRange(0, Split(target));
                continue;
            }

            resolved.Add(part);
        }

        return Path.Combine(rootfs, string.Join('/', resolved));
    }

    private static string[] Split(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
}
