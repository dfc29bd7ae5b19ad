namespace Flint.Runtimes.Oci;

/// <summary>
/// Creates the <c>crun</c> and <c>runc</c> runtimes. Both keep their files under one state
/// directory (see <see cref="StateRoot"/>); the returned runtime is <see cref="IAsyncDisposable"/>,
/// and disposing it stops every instance it still holds.
/// </summary>
public static class OciRuntimes
{
    public static IReadOnlyList<string> Names { get; } = [RuntimeNames.Crun, RuntimeNames.Runc];

    public static IInstanceRuntime Create(string runtimeName, string stateDirectory)
    {
        if (!Names.Contains(runtimeName))
        {
            throw new ArgumentException($"'{runtimeName}' is not an OCI runtime Flint drives ({string.Join(", ", Names)})", nameof(runtimeName));
        }

        var layout = new OciRuntimeLayout(Path.GetFullPath(stateDirectory), runtimeName);
        Directory.CreateDirectory(layout.Bundles);
        var binary = HostPath.Find(runtimeName);
        var maskDirectory = runtimeName == RuntimeNames.Crun && HybridCgroupMask.IsNeeded() ? layout.RuntimeDirectory : null;
        var availability = new Lazy<RuntimeAvailability>(() => OciAvailability.Check(runtimeName, binary, maskDirectory));
        var commandLine = new OciCommandLine(binary ?? runtimeName, layout.StateRoot, maskDirectory);
        return new OciRuntime(runtimeName, layout, commandLine, () => availability.Value);
    }

    /// <summary>The <c>--root</c> the runtime's container state lives in (<c>crun --root &lt;it&gt; list</c>).</summary>
    public static string StateRoot(string stateDirectory, string runtimeName) =>
        new OciRuntimeLayout(Path.GetFullPath(stateDirectory), runtimeName).StateRoot;

    /// <summary>The cgroup, relative to each hierarchy's root, that holds every instance's cgroup.</summary>
    public static string CgroupParent => OciRuntimeLayout.CgroupParent;
}
