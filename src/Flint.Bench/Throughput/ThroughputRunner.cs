using Flint.Bench.ColdStart;
using Flint.Bench.Direct;
using Flint.Bench.Gateway;
using Flint.Bench.Progress;
using Flint.Bench.Statistics;

namespace Flint.Bench.Throughput;

/// <summary>
/// Deploys hello keep-warm per runtime and drives it with the built-in load generator, one runtime at a time;
/// then with <c>wrk</c> through the gateway and, where the runtime can start the image directly, straight to such an instance.
/// </summary>
public sealed class ThroughputRunner(GatewayClient gateway, Uri gatewayUrl, BenchProgress progress, DirectStartRunner? direct = null)
{
    private const int WarmupRequests = 5;

    public static string FunctionName(string runtime) => $"bench-warm-{runtime}";

    public async Task<IReadOnlyList<ThroughputResult>> RunAsync(
        IReadOnlyList<string> runtimes, string image, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var deployment = await BenchDeployments.DeployAllAsync(
            gateway, progress, runtimes, r => Deployment(r, image, connections), cancellationToken).ConfigureAwait(false);
        try
        {
            var results = deployment.NotDeployed
                .Select(r => new ThroughputResult(r.Name, connections, 0, 0, 0, 0, null, null, r.Reason))
                .ToList();
            foreach (var runtime in deployment.Deployed)
            {
                try
                {
                    results.Add(await MeasureAsync(runtime, connections, duration, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    results.Add(new ThroughputResult(runtime, connections, 0, 0, 0, 0, null, null, $"warm-up failed: {e.Message}"));
                }
            }

            var order = runtimes.ToList();
            return [.. results.OrderBy(r => order.IndexOf(r.Runtime))];
        }
        finally
        {
            await BenchDeployments.DeleteAllAsync(gateway, progress, deployment.Deployed.Select(FunctionName)).ConfigureAwait(false);
        }
    }

    private static FunctionDeployment Deployment(string runtime, string image, int connections) =>
        new(FunctionName(runtime), image, runtime, FunctionDeployment.KeepWarm, MaxConcurrency: connections, MaxInstances: 1, Timeout: "10s");

    private async Task<ThroughputResult> MeasureAsync(string runtime, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var target = new Uri(gatewayUrl, $"function/{FunctionName(runtime)}{HelloFunction.Path}");
        for (var i = 0; i < WarmupRequests; i++)
        {
            await gateway.InvokeAsync(FunctionName(runtime), HelloFunction.Path, cancellationToken).ConfigureAwait(false);
        }

        progress.Step($"throughput {runtime}: {connections} connections for {duration.TotalSeconds:0.#} s");
        var load = await LoadGenerator.RunAsync(target, HelloFunction.ExpectedBody, connections, duration, cancellationToken).ConfigureAwait(false);
        var latency = DistributionSummary.Of(load.LatenciesMilliseconds);
        var perSecond = load.Completed / load.Elapsed.TotalSeconds;
        progress.Step($"throughput {runtime}: {perSecond:0} requests/s, {load.Errors} errors");
        var wrk = await MeasureWrkAsync(runtime, target, connections, duration, cancellationToken).ConfigureAwait(false);
        return new ThroughputResult(
            runtime,
            connections,
            load.Elapsed.TotalSeconds,
            load.Completed,
            load.Errors,
            perSecond,
            latency?.Median,
            latency?.P99,
            load.Completed == 0 ? "no successful responses" : null)
        {
            Wrk = wrk,
        };
    }

    private async Task<WarmPath> MeasureWrkAsync(string runtime, Uri target, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        progress.Step($"wrk {runtime}: through Flint{(direct?.Covers(runtime) == true ? " and direct" : "")}, {connections} connections for {duration.TotalSeconds:0.#} s each");
        var (flint, flintError) = await WrkRunner.RunAsync(target, connections, duration, cancellationToken).ConfigureAwait(false);
        if (flintError is not null || direct is null || !direct.Covers(runtime))
        {
            return new WarmPath(runtime, connections, flint, null, flintError ?? (direct?.Covers(runtime) == true ? null : "no direct start for this runtime"));
        }

        var (instance, startError) = await direct.StartWarmAsync(runtime).ConfigureAwait(false);
        if (instance is null)
        {
            return new WarmPath(runtime, connections, flint, null, $"direct instance did not start: {startError}");
        }

        await using (instance.ConfigureAwait(false))
        {
            var (own, ownError) = await WrkRunner.RunAsync(new Uri($"http://127.0.0.1:{instance.Port}{HelloFunction.Path}"), connections, duration, cancellationToken).ConfigureAwait(false);
            return new WarmPath(runtime, connections, flint, own, ownError);
        }
    }
}
