namespace Flint.Bench.Host;

/// <summary>Apparent sizes in bytes: a file (following symbolic links to the real file) or every regular file under a folder.</summary>
public static class DiskUsage
{
    public static long OfFile(string path)
    {
        var info = new FileInfo(path);
        var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        return target.Length;
    }

    /// <summary>Sum of regular files below <paramref name="directory"/>; symbolic links count as nothing (their targets are elsewhere or counted once).</summary>
    public static long OfDirectory(string directory) =>
        new DirectoryInfo(directory)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true })
            .Sum(f => f.Length);
}
