using Flint.Bench.ColdStart;
using Flint.Bench.Gateway;
using Flint.Bench.Progress;
using Flint.Bench.Tests.Fakes;

namespace Flint.Bench.Tests.ColdStart;

public sealed class ColdStartRunnerTests
{
    private static readonly RuntimeStatus[] Runtimes =
    [
        new("process", true, null), new("crun", true, null), new("runc", true, null), new("docker", false, "daemon not running"),
    ];

    [Fact]
    public async Task RunAsync_ThreeRuntimes_RequestsInterleavedAfterWarmup()
    {
        await using var fake = await FakeGateway.StartAsync(Runtimes);
        using var client = new GatewayClient(fake.Url, TimeSpan.FromSeconds(10));

        var run = await new ColdStartRunner(client, BenchProgress.Silent).RunAsync(["process", "crun", "runc"], "/images/hello", 3, 2, TestContext.Current.CancellationToken);

        string[] round = ["bench-cold-process", "bench-cold-crun", "bench-cold-runc"];
        Assert.Equal(Enumerable.Repeat(round, 5).SelectMany(r => r), fake.Invocations);
        Assert.Equal(["process", "crun", "runc", "process", "crun", "runc", "process", "crun", "runc"], run.Samples.Select(s => s.Runtime));
        Assert.Equal(Enumerable.Range(0, 9), run.Samples.Select(s => s.Sequence));
        Assert.All(run.Samples, s => Assert.True(s.Succeeded));
        Assert.All(run.Samples, s => Assert.Equal(6, s.Phases.Count));
    }

    [Fact]
    public async Task RunAsync_SingleUse_EachRequestWaitsForThePreviousTeardown()
    {
        await using var fake = await FakeGateway.StartAsync(Runtimes);
        using var client = new GatewayClient(fake.Url, TimeSpan.FromSeconds(10));

        await new ColdStartRunner(client, BenchProgress.Silent).RunAsync(["process", "crun"], "/images/hello", 2, 0, TestContext.Current.CancellationToken);

        string[] expected = ["invoke bench-cold-process", "idle bench-cold-process", "invoke bench-cold-crun", "idle bench-cold-crun"];
        Assert.Equal(Enumerable.Repeat(expected, 2).SelectMany(e => e), fake.Events);
    }

    [Fact]
    public async Task RunAsync_WrongBody_CountedAsFailureWithReason()
    {
        await using var fake = await FakeGateway.StartAsync(Runtimes, wrongBody: new HashSet<string> { "crun" });
        using var client = new GatewayClient(fake.Url, TimeSpan.FromSeconds(10));

        var run = await new ColdStartRunner(client, BenchProgress.Silent).RunAsync(["process", "crun"], "/images/hello", 4, 0, TestContext.Current.CancellationToken);

        var crun = run.Samples.Where(s => s.Runtime == "crun").ToList();
        Assert.Equal(4, crun.Count);
        Assert.All(crun, s => Assert.False(s.Succeeded));
        Assert.All(crun, s => Assert.Contains("unexpected body", s.Error, StringComparison.Ordinal));
        Assert.All(run.Samples.Where(s => s.Runtime == "process"), s => Assert.True(s.Succeeded));
    }

    [Fact]
    public async Task RunAsync_Finished_DeletesEveryDeployedFunction()
    {
        await using var fake = await FakeGateway.StartAsync(Runtimes);
        using var client = new GatewayClient(fake.Url, TimeSpan.FromSeconds(10));

        await new ColdStartRunner(client, BenchProgress.Silent).RunAsync(["process", "crun"], "/images/hello", 1, 0, TestContext.Current.CancellationToken);

        Assert.Equal(["bench-cold-process", "bench-cold-crun"], fake.Deletions);
        Assert.Empty(fake.Deployed);
    }

    [Fact]
    public async Task RunAsync_DeployFails_RuntimeReportedWithGatewayErrorAndOthersMeasured()
    {
        await using var fake = await FakeGateway.StartAsync(Runtimes, failDeploy: new HashSet<string> { "runc" });
        using var client = new GatewayClient(fake.Url, TimeSpan.FromSeconds(10));

        var run = await new ColdStartRunner(client, BenchProgress.Silent).RunAsync(["process", "runc"], "/images/hello", 2, 0, TestContext.Current.CancellationToken);

        var failed = Assert.Single(run.NotDeployed);
        Assert.Equal("runc", failed.Name);
        Assert.Contains("runtime runc exploded", failed.Reason, StringComparison.Ordinal);
        Assert.All(run.Samples, s => Assert.Equal("process", s.Runtime));
    }

    [Fact]
    public async Task RunAsync_LeftoverFunctionFromEarlierRun_ReplacedAndMeasured()
    {
        await using var fake = await FakeGateway.StartAsync(Runtimes);
        using var client = new GatewayClient(fake.Url, TimeSpan.FromSeconds(10));
        await client.DeployAsync(new FunctionDeployment("bench-cold-process", "/old", "process", FunctionDeployment.SingleUse, 1, 1, "10s"), TestContext.Current.CancellationToken);

        var run = await new ColdStartRunner(client, BenchProgress.Silent).RunAsync(["process"], "/images/hello", 1, 0, TestContext.Current.CancellationToken);

        Assert.True(Assert.Single(run.Samples).Succeeded);
        Assert.Empty(run.NotDeployed);
    }
}
