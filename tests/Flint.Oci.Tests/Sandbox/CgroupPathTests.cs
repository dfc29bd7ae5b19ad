using Flint.Oci.Cli;
using Flint.Oci.Sandbox;

namespace Flint.Oci.Tests.Sandbox;

public sealed class CgroupPathTests
{
    [Fact]
    public void Relative_CgroupfsPath_IsTakenUnderTheRoot() => Assert.Equal("default/c1", CgroupPath.Relative("/default/c1", systemd: false, "c1"));

    [Fact]
    public void Relative_Unset_UsesFlintOciParent() => Assert.Equal("flint-oci/c1", CgroupPath.Relative(null, systemd: false, "c1"));

    [Fact]
    public void Relative_SystemdSlice_IsExpandedAsSystemdNestsIt() =>
        Assert.Equal(
            "kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod12.slice/cri-containerd-c1.scope",
            CgroupPath.Relative("kubepods-besteffort-pod12.slice:cri-containerd:c1", systemd: true, "c1"));

    [Fact]
    public void Relative_SystemdWithoutSlice_UsesSystemSlice() =>
        Assert.Equal("system.slice/flint-c1.scope", CgroupPath.Relative(":flint:c1", systemd: true, "c1"));

    [Theory]
    [InlineData("/a/../b", false)]
    [InlineData("only-two:parts", true)]
    [InlineData("a.slice:prefix:", true)]
    public void Relative_Malformed_IsRefused(string path, bool systemd) =>
        Assert.Throws<OciException>(() => CgroupPath.Relative(path, systemd, "c1"));
}
