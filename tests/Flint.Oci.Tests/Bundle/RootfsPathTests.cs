using Flint.Oci.Bundle;
using Flint.Testing;

namespace Flint.Oci.Tests.Bundle;

public sealed class RootfsPathTests
{
    [Fact]
    public void Resolve_AbsoluteSymlink_StaysInsideTheRootfs()
    {
        using var root = new TempDirectory("flint-oci-rootfs");
        Directory.CreateDirectory(root.Combine("bin"));
        File.CreateSymbolicLink(root.Combine("bin", "sh"), "/etc/passwd");

        Assert.Equal(root.Combine("etc", "passwd"), RootfsPath.Resolve(root.Path, "/bin/sh"));
    }

    [Fact]
    public void Resolve_DotDotPastTheRoot_StopsAtTheRoot()
    {
        using var root = new TempDirectory("flint-oci-rootfs");
        File.CreateSymbolicLink(root.Combine("up"), "../../../../etc/shadow");

        Assert.Equal(root.Combine("etc", "shadow"), RootfsPath.Resolve(root.Path, "/up"));
        Assert.Equal(root.Combine("x"), RootfsPath.Resolve(root.Path, "/../../x"));
    }

    [Fact]
    public void Resolve_RelativePath_StartsAtTheGivenDirectory()
    {
        using var root = new TempDirectory("flint-oci-rootfs");

        Assert.Equal(root.Combine("app", "bin", "f"), RootfsPath.Resolve(root.Path, "bin/f", "/app"));
    }

    [Fact]
    public void Resolve_LinkLoop_IsNull()
    {
        using var root = new TempDirectory("flint-oci-rootfs");
        File.CreateSymbolicLink(root.Combine("a"), "/b");
        File.CreateSymbolicLink(root.Combine("b"), "/a");

        Assert.Null(RootfsPath.Resolve(root.Path, "/a"));
    }
}
