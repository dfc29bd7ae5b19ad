using Flint.Runtimes.Docker;
using Flint.Runtimes.Oci;
using Flint.Runtimes.Process;
using Flint.Runtimes.Vm;

namespace Flint.Runtimes;

/// <summary>Creates the registry of every runtime this build of Flint offers; one line per runtime.</summary>
public static class DefaultRuntimes
{
    public static RuntimeRegistry Create(RuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registry = new RuntimeRegistry();
        registry.Add(new ProcessRuntime(options));
        registry.Add(OciRuntimes.Create(RuntimeNames.Crun, options.StateDirectory));
        registry.Add(OciRuntimes.Create(RuntimeNames.Runc, options.StateDirectory));
        registry.Add(DockerRuntimes.Create(options.StateDirectory));
        registry.Add(new VmRuntime(options));
        registry.Add(new VmRuntime(options, Flint.Vm.VmPlatformChoice.Emulated));
        registry.Add(new VmRuntime(options, snapshots: true));
        registry.Add(new VmRuntime(options, Flint.Vm.VmPlatformChoice.Emulated, snapshots: true));
        return registry;
    }
}
