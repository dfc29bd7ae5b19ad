using Flint.Runtimes.Oci.Security;

namespace Flint.Runtimes.Tests.Oci.Security;

public sealed class ContainerCapabilitiesTests
{
    [Fact]
    public void Validate_GrantableCapabilities_AreDeduplicatedAndSorted() =>
        Assert.Equal(["CAP_KILL", "CAP_NET_BIND_SERVICE"], ContainerCapabilities.Validate(["CAP_NET_BIND_SERVICE", "CAP_KILL", "CAP_KILL"]));

    [Theory]
    [InlineData("CAP_SYS_ADMIN")]
    [InlineData("CAP_NET_RAW")]
    [InlineData("cap_kill")]
    [InlineData("")]
    public void Validate_UngrantableCapability_Throws(string capability) =>
        Assert.Throws<InstanceStartException>(() => ContainerCapabilities.Validate([capability]));
}
