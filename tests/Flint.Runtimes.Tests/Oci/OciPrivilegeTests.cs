using Flint.Runtimes.Tests.Common;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Oci;

/// <summary>What a function in a crun or runc container may do: the probe's report of its own privileges.</summary>
public sealed class OciPrivilegeTests
{
    [Theory]
    [InlineData(RuntimeNames.Crun)]
    [InlineData(RuntimeNames.Runc)]
    public async Task StartAsync_ImageWithoutUser_RunsAsNobodyWithNoCapabilitiesAndSeccomp(string runtimeName)
    {
        var lines = await ProbeAsync(runtimeName, user: null, capabilities: null);

        Assert.Equal("65534:65534", PrivilegeProbe.Value(lines, "ids"));
        Assert.Equal("65534 65534 65534 65534", PrivilegeProbe.Value(lines, "Uid"));
        Assert.Equal("", PrivilegeProbe.Value(lines, "Groups"));
        Assert.Equal("0000000000000000", PrivilegeProbe.Value(lines, "CapEff"));
        Assert.Equal("0000000000000000", PrivilegeProbe.Value(lines, "CapPrm"));
        Assert.Equal("1", PrivilegeProbe.Value(lines, "NoNewPrivs"));
        Assert.Equal("2", PrivilegeProbe.Value(lines, "Seccomp"));
        Assert.Equal("0 1 2 3", PrivilegeProbe.Value(lines, "fds"));
        Assert.Equal("/", PrivilegeProbe.Value(lines, "cwd"));
        Assert.Equal("EPERM", PrivilegeProbe.Value(lines, "mount"));
        Assert.Equal("EPERM", PrivilegeProbe.Value(lines, "ptrace"));
        // The image has no /etc: the host's shadow file is not even visible.
        Assert.Equal("ENOENT", PrivilegeProbe.Value(lines, "shadow"));
    }

    [Theory]
    [InlineData(RuntimeNames.Crun)]
    [InlineData(RuntimeNames.Runc)]
    public async Task StartAsync_ImageUserAndGrantableCapability_RunsAsThatUserHoldingOnlyIt(string runtimeName)
    {
        var lines = await ProbeAsync(runtimeName, user: "1234:4321", capabilities: ["CAP_NET_BIND_SERVICE"]);

        Assert.Equal("1234:4321", PrivilegeProbe.Value(lines, "ids"));
        // CAP_NET_BIND_SERVICE is capability 10.
        Assert.Equal("0000000000000400", PrivilegeProbe.Value(lines, "CapEff"));
        Assert.Equal("1", PrivilegeProbe.Value(lines, "NoNewPrivs"));
        Assert.Equal("2", PrivilegeProbe.Value(lines, "Seccomp"));
        Assert.Equal("EPERM", PrivilegeProbe.Value(lines, "mount"));
    }

    [Theory]
    [InlineData(RuntimeNames.Crun, "CAP_SYS_ADMIN", null)]
    [InlineData(RuntimeNames.Runc, null, "0")]
    [InlineData(RuntimeNames.Runc, null, "www-data")]
    public async Task StartAsync_RefusedCapabilityOrUser_FailsWithReasonAndLeavesNothing(string runtimeName, string? capability, string? user)
    {
        await using var fixture = OciRuntimeFixture.Create(runtimeName);
        var image = await ReferenceFunctions.HelloImageAsync() with { User = user };
        var spec = fixture.Spec("refused", image) with { Capabilities = capability is null ? null : [capability] };

        var failure = await Assert.ThrowsAsync<InstanceStartException>(() => fixture.Runtime.StartAsync(spec, TestContext.Current.CancellationToken));

        Assert.Contains(capability ?? $"User '{user}'", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.LeftoversAsync("refused"));
    }

    private static async Task<IReadOnlyList<string>> ProbeAsync(string runtimeName, string? user, IReadOnlyList<string>? capabilities)
    {
        await using var fixture = OciRuntimeFixture.Create(runtimeName);
        using var build = new TempDirectory();
        var image = TestPrograms.Build(build, "probe", PrivilegeProbe.Source) with { User = user };
        var spec = fixture.Spec("probe", image) with { Capabilities = capabilities };

        // The probe exits once it has reported, so the start fails; its report is in the log.
        await Assert.ThrowsAsync<InstanceStartException>(() => fixture.Runtime.StartAsync(spec, TestContext.Current.CancellationToken));

        Assert.Empty(await fixture.LeftoversAsync("probe"));
        return [.. fixture.Log.Lines.Select(l => l.Line)];
    }
}
