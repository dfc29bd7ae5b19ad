using System.Diagnostics;
using Flint.Bench.Gateway;
using Flint.Bench.Progress;

namespace Flint.Bench.Soak;

/// <summary>
/// Per runtime: deploys a single-use function, warms the gateway up, reads the host's counters
/// (<see cref="SoakProbe"/>), sends the cold starts (a few at once), waits for every instance to be
/// torn down, reads the counters again and compares them under <see cref="SoakBounds"/>.
/// </summary>
public sealed class SoakRunner(GatewayClient gateway, BenchProgress progress, int gatewayPid, string dataDirectory)
{
    /// <summary>Every soak function's name starts with this; the probe counts the cgroups of instances that carry it.</summary>
    public const string NamePrefix = "soak-";

    /// <summary>How long the counters that must return exactly get to do so once the last instance left the pool.</summary>
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(100);

    public static string FunctionName(string runtime) => $"{NamePrefix}{runtime}";

    public async Task<SoakResult> RunAsync(string runtime, string image, SoakPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var name = FunctionName(runtime);
        try
        {
            await gateway.DeployAsync(
                new FunctionDeployment(name, image, runtime, FunctionDeployment.SingleUse, MaxConcurrency: 1, MaxInstances: plan.Concurrency, Timeout: "30s"),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is GatewayException or HttpRequestException)
        {
            return SoakResult.NotRun(runtime, $"deploy failed: {e.Message}");
        }

        try
        {
            progress.Step($"soak {runtime}: {plan.Warmup} warm-up starts");
            var warmup = await StartManyAsync(name, plan.Warmup, plan, "warm-up", cancellationToken).ConfigureAwait(false);
            if (warmup.Failures > 0)
            {
                return SoakResult.NotRun(runtime, $"warm-up failed: {warmup.First}");
            }

            await gateway.WaitForNoInstancesAsync(name, SettleLimit, cancellationToken).ConfigureAwait(false);
            var before = SoakProbe.Take(gatewayPid, dataDirectory, NamePrefix);
            progress.Step($"soak {runtime}: {plan.Starts} cold starts, {plan.Concurrency} at a time");
            var clock = Stopwatch.StartNew();
            var run = await StartManyAsync(name, plan.Starts, plan, $"soak {runtime}", cancellationToken).ConfigureAwait(false);
            var elapsed = clock.Elapsed;
            await gateway.WaitForNoInstancesAsync(name, SettleLimit, cancellationToken).ConfigureAwait(false);
            var after = await SettledAsync(before, cancellationToken).ConfigureAwait(false);
            var result = new SoakResult(runtime, plan.Starts, run.Failures, run.First, elapsed, SoakComparison.Compare(before, after));
            progress.Step($"soak {runtime}: {(result.Passed ? "no growth beyond the bounds" : "FAILED")} ({elapsed.TotalSeconds:0} s, {run.Failures} failed starts)");
            return result;
        }
        finally
        {
            await BenchDeployments.DeleteAllAsync(gateway, progress, [name]).ConfigureAwait(false);
        }
    }

    /// <summary>The counters once those that must return exactly have, or as they stand after <see cref="SettleLimit"/>.</summary>
    private async Task<IReadOnlyList<SoakCounter>> SettledAsync(IReadOnlyList<SoakCounter> before, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(SettleLimit.TotalSeconds * Stopwatch.Frequency);
        var after = SoakProbe.Take(gatewayPid, dataDirectory, NamePrefix);
        while (!SoakComparison.Settled(before, after) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(SettlePoll, cancellationToken).ConfigureAwait(false);
            after = SoakProbe.Take(gatewayPid, dataDirectory, NamePrefix);
        }

        return after;
    }

    private async Task<(int Failures, string? First)> StartManyAsync(string name, int count, SoakPlan plan, string label, CancellationToken cancellationToken)
    {
        var next = -1;
        var done = 0;
        var failures = 0;
        string? first = null;
        async Task WorkerAsync()
        {
            while (Interlocked.Increment(ref next) < count)
            {
                string? failure;
                try
                {
                    var answer = await gateway.InvokeAsync(name, plan.Path, cancellationToken).ConfigureAwait(false);
                    failure = answer.Status == 200 && answer.ColdStart != false ? null : $"{answer.Status} (cold start: {answer.ColdStart}): {answer.Body.Trim()}";
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    failure = e.Message;
                }

                if (failure is not null && Interlocked.Increment(ref failures) == 1)
                {
                    first = failure;
                }

                progress.Counter(label, Interlocked.Increment(ref done), count);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, plan.Concurrency).Select(_ => Task.Run(WorkerAsync, cancellationToken))).ConfigureAwait(false);
        return (failures, first);
    }
}
