namespace Flint.Runtimes.Oci;

/// <summary>
/// crun 1.x refuses a hybrid cgroup host (v1 controllers plus a cgroup2 mount at
/// <c>/sys/fs/cgroup/unified</c> that has controllers of its own): "cgroups in hybrid mode not
/// supported, drop all controllers from cgroupv2". Only <c>create</c> (and <c>run</c>) checks it. This holds a private
/// mount namespace (a long-lived <c>unshare</c>ed shell) in which an empty file is bind-mounted over
/// <c>unified/cgroup.controllers</c>; <c>crun run</c> runs in it through <c>nsenter</c>, so crun
/// sees a plain v1 host and the host's own mounts are untouched. The shell exits when its stdin
/// closes, so the namespace never outlives the runtime (nor a crashed gateway).
/// </summary>
internal sealed class HybridCgroupMask : IDisposable
{
    private const string UnifiedControllers = "/sys/fs/cgroup/unified/cgroup.controllers";
    private const string HoldScript = "mount --bind \"$0\" \"$1\" && echo masked && read _";

    private readonly System.Diagnostics.Process _holder;

    private HybridCgroupMask(System.Diagnostics.Process holder)
    {
        _holder = holder;
    }

    /// <summary>True on a hybrid host whose cgroup2 mount has controllers (the layout crun rejects).</summary>
    public static bool IsNeeded() =>
        File.Exists(UnifiedControllers) && File.ReadAllText(UnifiedControllers).Trim().Length > 0;

    /// <summary>The command prefix that runs a command inside the masked mount namespace.</summary>
    public IReadOnlyList<string> Prefix => ["nsenter", $"--mount=/proc/{_holder.Id}/ns/mnt", "--"];

    public bool IsAlive => !_holder.HasExited;

    public static HybridCgroupMask Start(string stateDirectory)
    {
        var empty = Path.Combine(stateDirectory, "empty-cgroup-controllers");
        File.WriteAllText(empty, "");
        var holder = HostCommand.Start(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", HoldScript, empty, UnifiedControllers]);
        var ready = holder.StandardOutput.ReadLine();
        if (ready != "masked")
        {
            holder.WaitForExit();
            var error = holder.StandardError.ReadToEnd().Trim();
            holder.Dispose();
            throw new OciCommandException(
                $"crun needs {UnifiedControllers} masked on this hybrid cgroup host, and masking it in a private mount namespace failed: {error}");
        }

        return new HybridCgroupMask(holder);
    }

    public void Dispose()
    {
        _holder.StandardInput.Close();
        if (!_holder.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            _holder.Kill();
            _holder.WaitForExit();
        }

        _holder.StandardOutput.Dispose();
        _holder.StandardError.Dispose();
        _holder.Dispose();
    }
}
