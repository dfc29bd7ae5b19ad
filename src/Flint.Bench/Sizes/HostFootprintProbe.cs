using Flint.Bench.Host;
using Flint.Runtimes;

namespace Flint.Bench.Sizes;

/// <summary>
/// The host footprint of each runtime: the sizes of the programs it needs, found on PATH, or for the
/// Flint VM the monitor's assemblies (Flint.Vm and Flint.Interop, next to the running program unless
/// a path is given). The .NET runtime hosting the gateway is shared by all runtimes and not counted.
/// </summary>
public static class HostFootprintProbe
{
    public static readonly IReadOnlyList<string> VmMonitorAssemblies = ["Flint.Vm.dll", "Flint.Interop.dll"];

    public static IReadOnlyList<RuntimeFootprint> Measure(IEnumerable<string> runtimes, string? vmMonitorPath) =>
        [.. runtimes.Select(r => Measure(r, vmMonitorPath))];

    public static RuntimeFootprint Measure(string runtime, string? vmMonitorPath) => runtime switch
    {
        RuntimeNames.Process => new RuntimeFootprint(runtime, [], 0, "nothing beyond the function (fork/exec)"),
        RuntimeNames.Crun => Programs(runtime, ["crun"], null),
        RuntimeNames.Runc => Programs(runtime, ["runc"], null),
        RuntimeNames.Docker => Programs(runtime, ["docker", "dockerd", "containerd", "containerd-shim-runc-v2", "runc"], "the engine runs containers through containerd and runc"),
        RuntimeNames.Vm or RuntimeNames.VmEmulated or RuntimeNames.VmSnapshot or RuntimeNames.VmSnapshotEmulated
            => Footprint(runtime, VmMonitor(vmMonitorPath), "the Flint monitor runs inside the gateway's .NET process"),
        _ => new RuntimeFootprint(runtime, [], 0, "no footprint known for this runtime"),
    };

    private static RuntimeFootprint Programs(string runtime, IEnumerable<string> programs, string? note) =>
        Footprint(runtime, programs.Select(p => ExecutableSearch.Find(p) is { } path ? Found(p, path) : new HostBinary(p, null, null)), note);

    private static IEnumerable<HostBinary> VmMonitor(string? vmMonitorPath)
    {
        if (vmMonitorPath is not null && File.Exists(vmMonitorPath))
        {
            return [Found(Path.GetFileName(vmMonitorPath), vmMonitorPath)];
        }

        var folder = vmMonitorPath ?? AppContext.BaseDirectory;
        return VmMonitorAssemblies.Select(name => Path.Combine(folder, name) is var path && File.Exists(path) ? Found(name, path) : new HostBinary(name, null, null));
    }

    private static HostBinary Found(string name, string path) => new(name, Path.GetFullPath(path), DiskUsage.OfFile(path));

    private static RuntimeFootprint Footprint(string runtime, IEnumerable<HostBinary> binaries, string? note)
    {
        var list = binaries.ToList();
        return new RuntimeFootprint(runtime, list, list.Sum(b => b.Bytes ?? 0), note);
    }
}
