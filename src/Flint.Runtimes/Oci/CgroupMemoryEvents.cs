namespace Flint.Runtimes.Oci;

/// <summary>
/// Reads whether the kernel's OOM killer fired in a container's memory cgroup: <c>oom_kill</c> in
/// <c>memory.events</c> (cgroup v2) or in <c>memory.oom_control</c> (cgroup v1, as on hybrid hosts).
/// Must be read before the runtime deletes the cgroup.
/// </summary>
internal static class CgroupMemoryEvents
{
    private const string Root = "/sys/fs/cgroup";

    public static bool WasOomKilled(string cgroupsPath)
    {
        var relative = cgroupsPath.TrimStart('/');
        return OomKills(Path.Combine(Root, relative, "memory.events")) > 0
            || OomKills(Path.Combine(Root, "memory", relative, "memory.oom_control")) > 0;
    }

    private static long OomKills(string file)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split(' ', 2);
                if (parts is ["oom_kill", var count] && long.TryParse(count, out var kills))
                {
                    return kills;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
