using System.Globalization;
using System.Text;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>
/// The /proc, /sys and /dev the guest sees, generated from the VM (never read from the host). Everything not listed
/// here under those three directories does not exist (ENOENT), CPU cache descriptions included.
/// </summary>
internal static class SyntheticFiles
{
    public static readonly IReadOnlyDictionary<string, FsNode> Nodes = Build();

    private static Dictionary<string, FsNode> Build()
    {
        var nodes = new Dictionary<string, FsNode>(StringComparer.Ordinal);
        Directory(nodes, "/proc", "/proc/self", "/sys", "/sys/devices", "/sys/devices/system", "/sys/devices/system/cpu",
            "/sys/fs", "/sys/fs/cgroup", "/dev");
        File(nodes, "/proc/self/maps", ProcMaps.Generate);
        File(nodes, "/proc/self/status", Status);
        File(nodes, "/proc/self/comm", p => Text(p.CommandName + "\n"));
        File(nodes, "/proc/self/cgroup", _ => Text("0::/\n"));
        File(nodes, "/proc/self/mountinfo", _ => Text(
            "1 0 0:1 / / ro,relatime - rootfs rootfs ro\n2 1 0:2 / /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 ro\n"));
        File(nodes, "/proc/meminfo", MemInfo);
        File(nodes, "/proc/stat", Stat);
        File(nodes, "/sys/devices/system/cpu/online", _ => Text(VirtualCpus.List + "\n"));
        File(nodes, "/sys/devices/system/cpu/possible", _ => Text(VirtualCpus.List + "\n"));
        File(nodes, "/sys/fs/cgroup/memory.max", p => Text(Invariant($"{GuestMemoryUsage.Total(p)}\n")));
        File(nodes, "/sys/fs/cgroup/cpu.max", _ => Text(Invariant($"{(VirtualCpus.Count == 1 ? "max" : (VirtualCpus.Count * 100000).ToString(CultureInfo.InvariantCulture))} 100000\n")));
        nodes["/proc/self/exe"] = new FsNode("/proc/self/exe", FsNodeKind.SymbolicLink) { Permissions = 0x1FF };
        Device(nodes, "/dev/null", 0x103);
        Device(nodes, "/dev/zero", 0x105);
        Device(nodes, "/dev/random", 0x108);
        Device(nodes, "/dev/urandom", 0x109);
        return nodes;
    }

    /// <summary>The names directly inside <paramref name="directory"/>, with their nodes.</summary>
    public static IEnumerable<(string Name, FsNode Node)> Children(string directory)
        => Nodes.Where(n => n.Key.Length > directory.Length + 1 && n.Key.StartsWith(directory + "/", StringComparison.Ordinal)
                && n.Key.IndexOf('/', directory.Length + 1) < 0)
            .Select(n => (n.Key[(directory.Length + 1)..], n.Value))
            .OrderBy(n => n.Item1, StringComparer.Ordinal);

    private static byte[] Status(GuestProcess process) => Text(
        Invariant($"Name:\t{process.CommandName}\nUmask:\t0022\nState:\tR (running)\nTgid:\t{LinuxIdentity.ProcessId}\nPid:\t{LinuxIdentity.ProcessId}\nPPid:\t{LinuxIdentity.ParentProcessId}\n")
        + Invariant($"Uid:\t{LinuxIdentity.UserId}\t{LinuxIdentity.UserId}\t{LinuxIdentity.UserId}\t{LinuxIdentity.UserId}\n")
        + Invariant($"Gid:\t{LinuxIdentity.GroupId}\t{LinuxIdentity.GroupId}\t{LinuxIdentity.GroupId}\t{LinuxIdentity.GroupId}\n")
        + Invariant($"VmRSS:\t{GuestMemoryUsage.Used(process) / 1024} kB\nThreads:\t1\nCpus_allowed_list:\t{VirtualCpus.List}\n"));

    private static byte[] MemInfo(GuestProcess process)
    {
        ulong total = GuestMemoryUsage.Total(process) / 1024, free = GuestMemoryUsage.Free(process) / 1024;
        return Text(Invariant(
            $"MemTotal:       {total,8} kB\nMemFree:        {free,8} kB\nMemAvailable:   {free,8} kB\nBuffers:        {0,8} kB\nCached:         {0,8} kB\nSwapTotal:      {0,8} kB\nSwapFree:       {0,8} kB\n"));
    }

    private static byte[] Stat(GuestProcess process)
    {
        var text = new StringBuilder("cpu  0 0 0 0 0 0 0 0 0 0\n");
        for (var cpu = 0; cpu < VirtualCpus.Count; cpu++)
        {
            text.Append(Invariant($"cpu{cpu} 0 0 0 0 0 0 0 0 0 0\n"));
        }

        text.Append(Invariant($"btime {process.BootTime.ToUnixTimeSeconds()}\nprocesses 1\nprocs_running 1\nprocs_blocked 0\n"));
        return Text(text.ToString());
    }

    private static void Directory(Dictionary<string, FsNode> nodes, params string[] paths)
    {
        foreach (var path in paths)
        {
            nodes[path] = new FsNode(path, FsNodeKind.Directory) { Permissions = 0x16D };  // 0555
        }
    }

    private static void File(Dictionary<string, FsNode> nodes, string path, Func<GuestProcess, byte[]> content)
        => nodes[path] = new FsNode(path, FsNodeKind.Regular) { Content = content, Permissions = 0x124 };  // 0444

    private static void Device(Dictionary<string, FsNode> nodes, string path, ulong number)
        => nodes[path] = new FsNode(path, FsNodeKind.Device) { SpecialDevice = number, Permissions = 0x1B6 };  // 0666

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
