using Flint.Bench.Sizes;
using Flint.Testing;

namespace Flint.Bench.Tests.Sizes;

public sealed class HostFootprintProbeTests
{
    [Fact]
    public void Measure_Process_NoBinariesNeeded()
    {
        var footprint = HostFootprintProbe.Measure("process", null);

        Assert.Empty(footprint.Binaries);
        Assert.Equal(0, footprint.FoundBytes);
    }

    [Fact]
    public void Measure_VmFolder_SumsMonitorAssembliesAndNamesMissingOnes()
    {
        using var folder = new TempDirectory("flint-bench-vm");
        File.WriteAllBytes(folder.Combine("Flint.Vm.dll"), new byte[1234]);

        var footprint = HostFootprintProbe.Measure("vm", folder.Path);

        Assert.Equal(1234, footprint.FoundBytes);
        Assert.Equal(["Flint.Interop.dll"], footprint.Missing);
    }

    [Fact]
    public void Measure_Docker_ListsEngineContainerdShimAndRunc()
    {
        var footprint = HostFootprintProbe.Measure("docker", null);

        Assert.Equal(["docker", "dockerd", "containerd", "containerd-shim-runc-v2", "runc"], footprint.Binaries.Select(b => b.Name));
        Assert.Equal(footprint.Binaries.Sum(b => b.Bytes ?? 0), footprint.FoundBytes);
        Assert.All(footprint.Binaries.Where(b => b.Found), b => Assert.True(File.Exists(b.Path)));
    }

    [Fact]
    public void Measure_UnknownRuntime_SaysSo()
    {
        Assert.Equal("no footprint known for this runtime", HostFootprintProbe.Measure("podman", null).Note);
    }
}
