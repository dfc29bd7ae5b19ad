using Flint.Oci.Cli;

namespace Flint.Oci.Sandbox;

/// <summary>
/// A container's cgroup path relative to the hierarchy's root, from config.json's <c>linux.cgroupsPath</c>:
/// a plain path (<c>/default/id</c>, as ctr and the CRI's cgroupfs driver write it), or systemd's
/// <c>slice:prefix:name</c> with <c>--systemd-cgroup</c> (<c>kubepods-besteffort-pod1.slice:cri-containerd:id</c>
/// becomes <c>kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1.slice/cri-containerd-id.scope</c>,
/// made directly, without asking systemd). Unset: <c>flint-oci/id</c>.
/// </summary>
internal static class CgroupPath
{
    /// <exception cref="OciException">A systemd path that is not slice:prefix:name, or a path with <c>..</c>.</exception>
    public static string Relative(string? cgroupsPath, bool systemd, string id)
    {
        if (cgroupsPath is not { Length: > 0 })
        {
            return $"flint-oci/{id}";
        }

        var relative = systemd ? Systemd(cgroupsPath) : cgroupsPath.Trim('/');
        if (relative.Split('/').Any(p => p is ".." or "." or ""))
        {
            throw new OciException($"linux.cgroupsPath \"{cgroupsPath}\" is not a clean path");
        }

        return relative;
    }

    private static string Systemd(string cgroupsPath)
    {
        var parts = cgroupsPath.Split(':');
        if (parts.Length != 3 || parts[2].Length == 0)
        {
            throw new OciException($"linux.cgroupsPath \"{cgroupsPath}\" is not systemd's slice:prefix:name");
        }

        var slice = parts[0].Length == 0 ? "system.slice" : parts[0];
        var unit = parts[1].Length == 0 ? parts[2] : $"{parts[1]}-{parts[2]}.scope";
        return string.Join('/', [.. ExpandSlice(slice), unit]);
    }

    /// <summary>systemd nests "a-b-c.slice" in "a.slice/a-b.slice/a-b-c.slice".</summary>
    private static IEnumerable<string> ExpandSlice(string slice)
    {
        if (!slice.EndsWith(".slice", StringComparison.Ordinal) || slice == "-.slice")
        {
            return slice == "-.slice" ? [] : [slice];
        }

        var words = slice[..^".slice".Length].Split('-');
        return words.Select((_, i) => string.Join('-', words.Take(i + 1)) + ".slice");
    }
}
