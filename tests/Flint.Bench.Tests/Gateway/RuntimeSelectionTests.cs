using Flint.Bench.Gateway;

namespace Flint.Bench.Tests.Gateway;

public sealed class RuntimeSelectionTests
{
    [Fact]
    public void Select_FilterAndUnavailable_EveryOmissionHasAReason()
    {
        RuntimeStatus[] listed = [new("process", true, null), new("docker", false, "daemon not running"), new("vm", false, null)];

        var (all, available, unavailable) = RuntimeSelection.Select(listed, ["vm", "process", "podman"]);

        Assert.Equal(["vm", "process", "podman"], all.Select(r => r.Name));
        Assert.Equal(["process"], available);
        Assert.Equal([("vm", "unavailable (no reason given)"), ("podman", "not offered by the gateway")], unavailable.Select(r => (r.Name, r.Reason!)));
    }
}
