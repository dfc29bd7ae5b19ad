namespace Flint.Runtimes.Direct;

/// <summary>The direct starter of every runtime that has one. Disposing one removes whatever its instances left.</summary>
public static class DirectStarters
{
    /// <param name="stateDirectory">Where the starters keep their files (unpacked image, bundles, container state), apart from any Flint host's own.</param>
    public static IReadOnlyList<IDirectStarter> Create(string stateDirectory)
    {
        var state = Path.GetFullPath(stateDirectory);
        return
        [
            new ProcessDirectStarter(state),
            new OciDirectStarter(RuntimeNames.Crun, state),
            new OciDirectStarter(RuntimeNames.Runc, state),
            new DockerDirectStarter(state),
            new VmDirectStarter(RuntimeNames.Vm, Flint.Vm.VmPlatformChoice.Auto, state),
            new VmDirectStarter(RuntimeNames.VmEmulated, Flint.Vm.VmPlatformChoice.Emulated, state),
        ];
    }
}
