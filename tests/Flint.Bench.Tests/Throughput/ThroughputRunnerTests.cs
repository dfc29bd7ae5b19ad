using System.Net.Http.Json;
using Flint.Bench.ColdStart;
using Flint.Bench.Gateway;
using Flint.Bench.Progress;
using Flint.Bench.Tests.Fakes;
using Flint.Bench.Throughput;

namespace Flint.Bench.Tests.Throughput;

public sealed class ThroughputRunnerTests
{
    private static readonly RuntimeStatus[] Runtimes = [new("process", true, null), new("crun", true, null)];

    [Fact]
    public async Task RunAsync_TwoRuntimes_CountsRequestsPerRuntimeAndDeletesFunctions()
    {
        await using var fake = await FakeGateway.StartAsync(Runtimes, wrongBody: new HashSet<string> { "crun" });
        using var client = new GatewayClient(fake.Url, TimeSpan.FromSeconds(10));

        var results = await new ThroughputRunner(client, fake.Url, BenchProgress.Silent)
            .RunAsync(["process", "crun"], "/images/hello", 2, TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);

        var process = results.Single(r => r.Runtime == "process");
        Assert.True(process.Requests > 0);
        Assert.Equal(0, process.Errors);
        Assert.NotNull(process.P50Milliseconds);
        var crun = results.Single(r => r.Runtime == "crun");
        Assert.Equal(0, crun.Requests);
        Assert.True(crun.Errors > 0);
        Assert.Equal("no successful responses", crun.Error);
        Assert.Equal(["bench-warm-process", "bench-warm-crun"], fake.Deletions);
    }

    [Fact]
    public async Task RunAsync_DeployFails_ErrorRowInRuntimeOrder()
    {
        await using var fake = await FakeGateway.StartAsync(Runtimes, failDeploy: new HashSet<string> { "process" });
        using var client = new GatewayClient(fake.Url, TimeSpan.FromSeconds(10));

        var results = await new ThroughputRunner(client, fake.Url, BenchProgress.Silent)
            .RunAsync(["process", "crun"], "/images/hello", 1, TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);

        Assert.Equal(["process", "crun"], results.Select(r => r.Runtime));
        Assert.Contains("exploded", results[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadGenerator_EmptyWindow_EachConnectionSendsOneRequest()
    {
        await using var fake = await FakeGateway.StartAsync(Runtimes);
        using (var client = new HttpClient { BaseAddress = fake.Url })
        {
            using var deployed = await client.PostAsJsonAsync("system/functions", new { name = "warm", runtime = "process" }, TestContext.Current.CancellationToken);
            deployed.EnsureSuccessStatusCode();
        }

        var load = await LoadGenerator.RunAsync(
            new Uri(fake.Url, "function/warm/"), HelloFunction.ExpectedBody, 3, TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.Equal(3, load.Completed);
        Assert.Equal(0, load.Errors);
        Assert.Equal(3, load.LatenciesMilliseconds.Count);
        Assert.Equal(3, fake.Invocations.Count);
    }

    [Fact]
    public async Task RunAsync_NotLoopback_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            LoadGenerator.RunAsync(new Uri("http://192.0.2.1/function/x/"), "", 1, TimeSpan.FromMilliseconds(10), TestContext.Current.CancellationToken));
    }
}
