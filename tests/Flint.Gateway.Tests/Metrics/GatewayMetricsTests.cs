using System.Text;
using Flint.Gateway.Metrics;

namespace Flint.Gateway.Tests.Metrics;

public sealed class GatewayMetricsTests
{
    [Fact]
    public async Task ObserveColdStart_OneValue_FillsCumulativeBucketsFromItsBoundUp()
    {
        var metrics = new GatewayMetrics();

        metrics.ObserveColdStart("process", "ready", TimeSpan.FromMilliseconds(3));

        var text = await ScrapeAsync(metrics);
        Assert.Contains("flint_cold_start_seconds_bucket{runtime=\"process\",phase=\"ready\",le=\"0.0025\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("flint_cold_start_seconds_bucket{runtime=\"process\",phase=\"ready\",le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("flint_cold_start_seconds_bucket{runtime=\"process\",phase=\"ready\",le=\"+Inf\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("flint_cold_start_seconds_sum{runtime=\"process\",phase=\"ready\"} 0.003\n", text, StringComparison.Ordinal);
        Assert.Contains("flint_cold_start_seconds_count{runtime=\"process\",phase=\"ready\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObserveFunctionColdStart_TwoValues_ReadBackAsTheScrapedBuckets()
    {
        var metrics = new GatewayMetrics();

        metrics.ObserveFunctionColdStart("hello", "process", TimeSpan.FromMilliseconds(3));
        metrics.ObserveFunctionColdStart("hello", "process", TimeSpan.FromSeconds(20));

        var text = await ScrapeAsync(metrics);
        Assert.Contains("flint_function_cold_start_seconds_bucket{function=\"hello\",runtime=\"process\",le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("flint_function_cold_start_seconds_bucket{function=\"hello\",runtime=\"process\",le=\"+Inf\"} 2\n", text, StringComparison.Ordinal);
        var histogram = Assert.Single(metrics.FunctionColdStarts());
        Assert.Equal(("hello", "process", 2L), (histogram.Function, histogram.Runtime, histogram.Count));
        Assert.Equal(GatewayMetrics.SecondsBuckets.Count + 1, histogram.Counts.Count);
        Assert.Equal(1, histogram.Counts[GatewayMetrics.SecondsBuckets.ToList().IndexOf(0.005)]);
        Assert.Equal(1, histogram.Counts[^1]);
        Assert.Equal(20.003, histogram.SumSeconds, precision: 9);
    }

    [Fact]
    public async Task CountInvocation_TwoGateways_KeepSeparateRegistries()
    {
        var first = new GatewayMetrics();
        var second = new GatewayMetrics();

        first.CountInvocation("hello", 200);
        first.CountInvocation("hello", 200);
        first.CountInvocation("hello", 502);
        first.CountInvocation("other", 200);

        Assert.Equal(3, first.InvocationCount("hello"));
        Assert.Equal(0, second.InvocationCount("hello"));
        Assert.Contains("flint_invocations_total{function=\"hello\",status=\"200\"} 2\n", await ScrapeAsync(first), StringComparison.Ordinal);
        Assert.DoesNotContain("flint_invocations_total{", await ScrapeAsync(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObserveRequest_ByFunction_IsAHistogramLabelledByFunction()
    {
        var metrics = new GatewayMetrics();

        metrics.ObserveRequest("hello", TimeSpan.FromSeconds(2));

        var text = await ScrapeAsync(metrics);
        Assert.Contains("# TYPE flint_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("flint_request_duration_seconds_bucket{function=\"hello\",le=\"1\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("flint_request_duration_seconds_bucket{function=\"hello\",le=\"2.5\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetGauges_ThenAgainWithoutAFunction_DropsItsSeries()
    {
        var metrics = new GatewayMetrics();

        metrics.SetGauges([("a", "process", 2), ("b", "crun", 1)], [("process", "idle", 2), ("crun", "busy", 1)], 4);
        var before = await ScrapeAsync(metrics);
        metrics.SetGauges([("a", "process", 1)], [("process", "starting", 1)], 0);
        var after = await ScrapeAsync(metrics);

        Assert.Contains("flint_instances{function=\"b\",runtime=\"crun\"} 1\n", before, StringComparison.Ordinal);
        Assert.Contains("flint_instances_by_state{runtime=\"crun\",state=\"busy\"} 1\n", before, StringComparison.Ordinal);
        Assert.Contains("flint_async_queue_length 4\n", before, StringComparison.Ordinal);
        Assert.Contains("flint_instances{function=\"a\",runtime=\"process\"} 1\n", after, StringComparison.Ordinal);
        Assert.DoesNotContain("function=\"b\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("state=\"idle\"", after, StringComparison.Ordinal);
        Assert.Contains("flint_instances_by_state{runtime=\"process\",state=\"starting\"} 1\n", after, StringComparison.Ordinal);
        Assert.Contains("flint_async_queue_length 0\n", after, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(GatewayMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
