using Flint.Runtimes.Oci.Security;
using Flint.Runtimes.Oci.Spec;

namespace Flint.Runtimes.Tests.Oci.Security;

public sealed class ContainerUserTests
{
    [Theory]
    [InlineData(null, 65534u, 65534u)]
    [InlineData("", 65534u, 65534u)]
    [InlineData("1000", 1000u, 1000u)]
    [InlineData("1000:2000", 1000u, 2000u)]
    public void Resolve_NumericOrAbsent_GivesThatUserOrNobody(string? imageUser, uint uid, uint gid) =>
        Assert.Equal(new OciUser(uid, gid), ContainerUser.Resolve(imageUser));

    [Theory]
    [InlineData("0")]
    [InlineData("1000:0")]
    [InlineData("root")]
    [InlineData("app:app")]
    [InlineData("1000:2000:3000")]
    [InlineData("-1")]
    [InlineData("4294967295")]
    [InlineData("+5")]
    [InlineData(" 5")]
    public void Resolve_RootNameOrMalformed_Throws(string imageUser) =>
        Assert.Throws<InstanceStartException>(() => ContainerUser.Resolve(imageUser));
}
