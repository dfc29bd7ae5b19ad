using Flint.Bench.Direct;
using Flint.Bench.Gateway;
using Flint.Bench.Progress;

namespace Flint.Bench.ColdStart;

/// <summary>
/// Deploys the hello function single-use once per runtime, warms up, then sends requests one at a
/// time, interleaving runtimes (A B C A B C ...) so drift on the machine hits all alike. Each request
/// waits for the previous instance's teardown to finish, so no teardown overlaps a measurement, and for the
/// process to be quiet (<see cref="Quiescence"/>), so no runtime's background work bills the next start. Every
/// response body is checked; failures are kept as samples. The functions are deleted at the end.
/// With a <see cref="DirectStartRunner"/>, each request through Flint is paired with a direct start of the
/// same image on the same runtime, the pair's order alternating (A A' B B' ..., then A' A B' B ...), so both see
/// the same machine and neither is always the one that follows another runtime.
/// </summary>
public sealed class ColdStartRunner(GatewayClient gateway, BenchProgress progress, DirectStartRunner? direct = null)
{
    private static readonly TimeSpan TeardownTimeout = TimeSpan.FromSeconds(30);
    private readonly Quiescence _quiet = Quiescence.OfThisProcess();

    public static string FunctionName(string runtime) => $"bench-cold-{runtime}";

    public async Task<ColdStartRun> RunAsync(IReadOnlyList<string> runtimes, string image, int requests, int warmup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtimes);
        var deployment = await BenchDeployments.DeployAllAsync(gateway, progress, runtimes, r => Deployment(r, image), cancellationToken).ConfigureAwait(false);
        using var client = gateway.OpenRawConnection();
        try
        {
            var deployed = deployment.Deployed;
            progress.Step($"cold starts: {warmup} warm-up and {requests} measured requests per runtime, interleaved ({string.Join(" ", deployed)})");
            for (var i = 0; i < warmup; i++)
            {
                foreach (var runtime in deployed)
                {
                    await MeasureAsync(client, runtime, i, -1, cancellationToken).ConfigureAwait(false);
                    await MeasureDirectAsync(runtime, i, -1).ConfigureAwait(false);
                }
            }

            var samples = new List<ColdStartSample>();
            var directSamples = new List<ColdStartSample>();
            for (var i = 0; i < requests; i++)
            {
                foreach (var runtime in deployed)
                {
                    // Counterbalanced: the start that comes first after another runtime's pays for following it
                    // (cold caches, a host just busy elsewhere), so through Flint and direct take turns coming first.
                    var directFirst = i % 2 == 1;
                    await PrimeAsync(runtime, i).ConfigureAwait(false);
                    if (directFirst && await MeasureDirectAsync(runtime, i, samples.Count + directSamples.Count).ConfigureAwait(false) is { } early)
                    {
                        directSamples.Add(early);
                    }

                    samples.Add(await MeasureAsync(client, runtime, i, samples.Count + directSamples.Count, cancellationToken).ConfigureAwait(false));
                    if (!directFirst && await MeasureDirectAsync(runtime, i, samples.Count + directSamples.Count).ConfigureAwait(false) is { } sample)
                    {
                        directSamples.Add(sample);
                    }
                }

                progress.Counter("cold starts", samples.Count, requests * deployed.Count);
            }

            var failed = samples.Count(s => !s.Succeeded);
            progress.Step($"cold starts: {samples.Count} requests, {failed} failed; direct: {directSamples.Count} starts, {directSamples.Count(s => !s.Succeeded)} failed");
            return new ColdStartRun(samples, deployment.NotDeployed) { DirectSamples = directSamples };
        }
        finally
        {
            await BenchDeployments.DeleteAllAsync(gateway, progress, deployment.Deployed.Select(FunctionName)).ConfigureAwait(false);
        }
    }

    private static FunctionDeployment Deployment(string runtime, string image) =>
        new(FunctionName(runtime), image, runtime, FunctionDeployment.SingleUse, MaxConcurrency: 1, MaxInstances: 1, Timeout: "10s");

    private async Task<ColdStartSample> MeasureAsync(RawGatewayConnection client, string runtime, int iteration, int sequence, CancellationToken cancellationToken)
    {
        await _quiet.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var call = await client.InvokeAsync(FunctionName(runtime), HelloFunction.Path).ConfigureAwait(false);
            await gateway.WaitForNoInstancesAsync(FunctionName(runtime), TeardownTimeout, cancellationToken).ConfigureAwait(false);
            var matches = call.Body == HelloFunction.ExpectedBody;
            var error = call.Status != 200 ? $"HTTP {call.Status}: {Truncate(call.Body)}" : matches ? null : $"unexpected body: {Truncate(call.Body)}";
            return new ColdStartSample(runtime, iteration, sequence, call.TotalMilliseconds, call.Status, matches, call.ColdStart, call.Instance, error, call.Phases);
        }
        catch (Exception e) when (e is HttpRequestException or GatewayException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ColdStartSample(runtime, iteration, sequence, double.NaN, 0, false, null, null, e.Message, []);
        }
    }

    /// <summary>
    /// An untimed direct start before each measured pair: switching from another runtime costs the next start far
    /// more than either path does (caches, a host just busy elsewhere), and that cost is the switch's, not Flint's.
    /// </summary>
    private async Task PrimeAsync(string runtime, int iteration) => _ = await MeasureDirectAsync(runtime, iteration, -1).ConfigureAwait(false);

    private async Task<ColdStartSample?> MeasureDirectAsync(string runtime, int iteration, int sequence)
    {
        if (direct is null || !direct.Covers(runtime))
        {
            return null;
        }

        await _quiet.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        return await direct.MeasureAsync(runtime, iteration, sequence).ConfigureAwait(false);
    }

    private static string Truncate(string text) => text.Length <= 120 ? text.TrimEnd() : text[..120] + "...";
}
