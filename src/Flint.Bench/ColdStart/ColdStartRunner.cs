using System.Diagnostics;
using Flint.Bench.Direct;
using Flint.Bench.Gateway;
using Flint.Bench.Progress;

namespace Flint.Bench.ColdStart;

/// <summary>
/// Deploys the hello function single-use once per runtime, warms up (<see cref="WarmupLimit"/>, <see cref="JitSettle"/>),
/// then sends requests one at a time, interleaving runtimes (A B C A B C ...) so drift on the machine hits all alike. Each request
/// waits for the previous instance's teardown to finish, so no teardown overlaps a measurement, and for the
/// process to be quiet (<see cref="Quiescence"/>), so no runtime's background work bills the next start. Every
/// response body is checked; failures are kept as samples. The functions are deleted at the end.
/// With a <see cref="DirectStartRunner"/>, each request through Flint is paired with a direct start of the
/// same image on the same runtime, the pair's order alternating (A A' B B' ..., then A' A B' B ...), so both see
/// the same machine and neither is always the one that follows another runtime.
/// </summary>
public sealed class ColdStartRunner(GatewayClient gateway, BenchProgress progress, DirectStartRunner? direct = null)
{
    /// <summary>
    /// The most one runtime's warm-up may take. Warm-up starts (through Flint and direct) are made like the measured
    /// ones, each once the process is quiet (<see cref="Quiescence"/>, without its settle time), and thrown away: the
    /// JIT recompiles the gateway's path, and this process's, optimized only after enough calls (tiered compilation),
    /// and in the background, as a gateway in service has long since done. Until then a start through Flint costs up
    /// to a millisecond more: in <c>./flint bench -r process -n 150</c> with 5 warm-ups, 1.2 to 1.5 ms of overhead over the
    /// first 30 starts, 0.2 to 0.7 ms from the 60th on. Warm-up starts made back to back did not do it (1.3 to 1.7 ms).
    /// </summary>
    public static readonly TimeSpan WarmupLimit = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan TeardownTimeout = TimeSpan.FromSeconds(30);
    private readonly Quiescence _quiet = Quiescence.OfThisProcess();
    private readonly JitSettle _jit = JitSettle.OfThisProcess();

    public static string FunctionName(string runtime) => $"bench-cold-{runtime}";

    public async Task<ColdStartRun> RunAsync(IReadOnlyList<string> runtimes, string image, int requests, int warmup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtimes);
        var deployment = await BenchDeployments.DeployAllAsync(gateway, progress, runtimes, r => Deployment(r, image), cancellationToken).ConfigureAwait(false);
        using var client = gateway.OpenRawConnection();
        try
        {
            var deployed = deployment.Deployed;
            progress.Step($"cold starts: up to {warmup} warm-up starts per runtime ({WarmupLimit.TotalSeconds:0} s at most each), then {requests} measured, interleaved ({string.Join(" ", deployed)})");
            var warmed = await WarmUpAsync(client, deployed, warmup, cancellationToken).ConfigureAwait(false);
            var settled = await _jit.WaitAsync(cancellationToken).ConfigureAwait(false);
            progress.Step($"cold starts: warmed up ({string.Join(", ", warmed.Select(w => $"{w.Key} {w.Value}"))}){(settled ? "" : "; the JIT was still compiling")}");

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

    /// <summary>Warm-up starts, interleaved, until each runtime has had <paramref name="warmup"/> or <see cref="WarmupLimit"/>; returns how many each had.</summary>
    private async Task<Dictionary<string, int>> WarmUpAsync(RawGatewayConnection client, IReadOnlyList<string> deployed, int warmup, CancellationToken cancellationToken)
    {
        var counts = deployed.ToDictionary(r => r, _ => 0, StringComparer.Ordinal);
        var spent = deployed.ToDictionary(r => r, _ => TimeSpan.Zero, StringComparer.Ordinal);
        for (var i = 0; i < warmup; i++)
        {
            var warming = deployed.Where(r => spent[r] < WarmupLimit).ToList();
            if (warming.Count == 0)
            {
                break;
            }

            foreach (var runtime in warming)
            {
                var start = Stopwatch.GetTimestamp();
                await MeasureAsync(client, runtime, i, -1, cancellationToken, settle: false).ConfigureAwait(false);
                await MeasureDirectAsync(runtime, i, -1, settle: false).ConfigureAwait(false);
                spent[runtime] += Stopwatch.GetElapsedTime(start);
                counts[runtime]++;
            }
        }

        return counts;
    }

    private static FunctionDeployment Deployment(string runtime, string image) =>
        new(FunctionName(runtime), image, runtime, FunctionDeployment.SingleUse, MaxConcurrency: 1, MaxInstances: 1, Timeout: "10s");

    private async Task<ColdStartSample> MeasureAsync(RawGatewayConnection client, string runtime, int iteration, int sequence, CancellationToken cancellationToken, bool settle = true)
    {
        await _quiet.WaitAsync(cancellationToken, settle).ConfigureAwait(false);
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

    private async Task<ColdStartSample?> MeasureDirectAsync(string runtime, int iteration, int sequence, bool settle = true)
    {
        if (direct is null || !direct.Covers(runtime))
        {
            return null;
        }

        await _quiet.WaitAsync(CancellationToken.None, settle).ConfigureAwait(false);
        return await direct.MeasureAsync(runtime, iteration, sequence).ConfigureAwait(false);
    }

    private static string Truncate(string text) => text.Length <= 120 ? text.TrimEnd() : text[..120] + "...";
}
