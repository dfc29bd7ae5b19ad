using Flint.Bench.ColdStart;
using Flint.Bench.Gateway;
using Flint.Bench.Progress;
using Flint.Bench.Tests.Fakes;

namespace Flint.Bench.Tests.ColdStart;

public sealed class WarmRequestRunnerTests
{
    private static readonly RuntimeStatus[] Runtimes = [new("process", true, null), new("crun", true, null)];

    [Fact]
    public async Task RunAsync_KeepWarmDeployments_WarmupNotCountedRequestsInterleavedAndDeleted()
    {
        await using var fake = await FakeGateway.StartAsync(Runtimes);
        using var client = new GatewayClient(fake.Url, TimeSpan.FromSeconds(10));

        var samples = await new WarmRequestRunner(client, BenchProgress.Silent).RunAsync(["process", "crun"], "/images/hello", 3, 2, TestContext.Current.CancellationToken);

        Assert.Equal(["bench-keepwarm-crun", "bench-keepwarm-process"], fake.Deployments.Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Repeat(new[] { "bench-keepwarm-process", "bench-keepwarm-crun" }, 5).SelectMany(r => r), fake.Invocations);
        Assert.Equal(["process", "crun", "process", "crun", "process", "crun"], samples.Select(s => s.Runtime));
        Assert.All(samples, s => Assert.True(s.Succeeded));
        Assert.Empty(fake.Deployed);
    }
}
