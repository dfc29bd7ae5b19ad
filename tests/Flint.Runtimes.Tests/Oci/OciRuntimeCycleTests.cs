using Flint.Testing;

namespace Flint.Runtimes.Tests.Oci;

public sealed class OciRuntimeCycleTests
{
    private const int Cycles = 200;

    [Theory]
    [InlineData(RuntimeNames.Crun)]
    [InlineData(RuntimeNames.Runc)]
    public async Task StartStop_ManyCycles_LeaveNothingBehind(string runtimeName)
    {
        await using var fixture = OciRuntimeFixture.Create(runtimeName);
        var image = await ReferenceFunctions.HelloImageAsync();
        var spec = fixture.Spec("cycle", image, new ResourceLimits(MemoryBytes: 128 << 20, Cpus: 1, Pids: 64));

        for (var i = 0; i < Cycles; i++)
        {
            var instance = await fixture.Runtime.StartAsync(spec, TestContext.Current.CancellationToken);
            await fixture.Runtime.StopAsync(instance, TestContext.Current.CancellationToken);
        }

        Assert.Empty(await fixture.LeftoversAsync("cycle"));
    }
}
