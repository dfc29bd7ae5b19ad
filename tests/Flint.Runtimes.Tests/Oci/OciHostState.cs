using Flint.Runtimes.Oci;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Oci;

/// <summary>
/// Everything an OCI instance can leave on the host, looked up independently of the runtime:
/// containers under its <c>--root</c>, bundles, mounts, cgroups and processes.
/// </summary>
internal static class OciHostState
{
    /// <summary>
    /// What is left, waiting a while for it to go (a killed process leaves its cgroup as it exits).
    /// </summary>
    public static async Task<IReadOnlyList<string>> LeftoversAsync(string runtimeName, string stateDirectory, string idPrefix)
    {
        for (var attempt = 0; ; attempt++)
        {
            var leftovers = Leftovers(runtimeName, stateDirectory, idPrefix);
            if (leftovers.Count == 0 || attempt == 100)
            {
                return leftovers;
            }

            await Task.Delay(100);
        }
    }

    private static List<string> Leftovers(string runtimeName, string stateDirectory, string idPrefix)
    {
        var leftovers = new List<string>();
        leftovers.AddRange(Containers(runtimeName, stateDirectory).Select(c => $"container {c}"));
        var bundles = Path.Combine(stateDirectory, runtimeName, "bundles");
        if (Directory.Exists(bundles))
        {
            leftovers.AddRange(Directory.EnumerateFileSystemEntries(bundles).Select(b => $"bundle {b}"));
        }

        leftovers.AddRange(File.ReadLines("/proc/self/mountinfo").Where(l => l.Contains(stateDirectory, StringComparison.Ordinal)).Select(m => $"mount {m}"));
        leftovers.AddRange(Directory.EnumerateDirectories("/sys/fs/cgroup")
            .SelectMany(h => Directory.Exists(Path.Combine(h, OciRuntimes.CgroupParent))
                ? Directory.EnumerateDirectories(Path.Combine(h, OciRuntimes.CgroupParent), idPrefix + "*")
                : [])
            .Select(c => $"cgroup {c}"));
        leftovers.AddRange(Processes(idPrefix).Select(p => $"process {p}"));
        return leftovers;
    }

    private static string[] Containers(string runtimeName, string stateDirectory) =>
        Command.Lines(runtimeName, "--root", OciRuntimes.StateRoot(stateDirectory, runtimeName), "list", "--quiet");

    /// <summary>
    /// Processes still in one of the instances' cgroups. An exited entrypoint leaves its cgroup at
    /// once; reaping it is the job of the host's pid 1 (a container's init is reparented to it when
    /// <c>create</c> returns), which on some hosts reaps only every few seconds.
    /// </summary>
    private static IEnumerable<string> Processes(string idPrefix)
    {
        foreach (var proc in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            string cgroup;
            try
            {
                cgroup = File.ReadAllText(Path.Combine(proc, "cgroup"));
            }
            catch (IOException)
            {
                continue;
            }

            if (cgroup.Contains($"/{OciRuntimes.CgroupParent}/{idPrefix}", StringComparison.Ordinal))
            {
                yield return $"{proc} in {cgroup}";
            }
        }
    }
}
