using System.Runtime.InteropServices;
using Flint.Bench.Host;
using Flint.Bench.Memory;

namespace Flint.Bench.Machine;

/// <summary>Records the machine: CPU, cores, kernel, memory, KVM flavour, container runtime and .NET versions.</summary>
public static class MachineProbe
{
    public static async Task<MachineInfo> CaptureAsync(CancellationToken cancellationToken)
    {
        var cpuinfo = File.ReadAllLines("/proc/cpuinfo");
        var model = cpuinfo.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
            : "unknown";
        return new MachineInfo(
            DateTimeOffset.UtcNow,
            model,
            Environment.ProcessorCount,
            File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
            MemInfo.TotalBytes(),
            KvmFlavour.Detect(),
            await HostCommand.VersionAsync("crun", cancellationToken).ConfigureAwait(false),
            await HostCommand.VersionAsync("runc", cancellationToken).ConfigureAwait(false),
            await HostCommand.VersionAsync("docker", cancellationToken).ConfigureAwait(false),
            RuntimeInformation.FrameworkDescription);
    }
}
