using Flint.Bench.Gateway;
using Flint.Bench.Progress;

namespace Flint.Bench.ColdStart;

/// <summary>
/// The baseline a cold start is compared with: sequential requests to a keep-warm instance that is already up (one
/// per runtime, after warm-up requests that start it), interleaved across runtimes like the cold starts. What a
/// cold start adds is its median less this one.
/// </summary>
public sealed class WarmRequestRunner(GatewayClient gateway, BenchProgress progress)
{
    public static string FunctionName(string runtime) => $"bench-keepwarm-{runtime}";

    public async Task<IReadOnlyList<ColdStartSample>> RunAsync(IReadOnlyList<string> runtimes, string image, int requests, int warmup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtimes);
        var deployment = await BenchDeployments.DeployAllAsync(gateway, progress, runtimes, r => Deployment(r, image), cancellationToken).ConfigureAwait(false);
        using var client = gateway.OpenRawConnection();
        try
        {
            var deployed = deployment.Deployed;
            progress.Step($"keep-warm requests: {warmup} warm-up and {requests} measured per runtime, interleaved");
            var samples = new List<ColdStartSample>();
            for (var i = -Math.Max(1, warmup); i < requests; i++)
            {
                foreach (var runtime in deployed)
                {
                    var sample = await MeasureAsync(client, runtime, i, samples.Count, cancellationToken).ConfigureAwait(false);
                    if (i >= 0)
                    {
                        samples.Add(sample);
                    }
                }
            }

            return samples;
        }
        finally
        {
            await BenchDeployments.DeleteAllAsync(gateway, progress, deployment.Deployed.Select(FunctionName)).ConfigureAwait(false);
        }
    }

    private static FunctionDeployment Deployment(string runtime, string image) =>
        new(FunctionName(runtime), image, runtime, FunctionDeployment.KeepWarm, MaxConcurrency: 1, MaxInstances: 1, Timeout: "10s");

    private static async Task<ColdStartSample> MeasureAsync(RawGatewayConnection client, string runtime, int iteration, int sequence, CancellationToken cancellationToken)
    {
        try
        {
            var call = await client.InvokeAsync(FunctionName(runtime), HelloFunction.Path).ConfigureAwait(false);
            var matches = call.Body == HelloFunction.ExpectedBody;
            var error = call.Status != 200 ? $"HTTP {call.Status}" : matches ? null : "unexpected body";
            return new ColdStartSample(runtime, iteration, sequence, call.TotalMilliseconds, call.Status, matches, call.ColdStart, call.Instance, error, []);
        }
        catch (Exception e) when (e is HttpRequestException or GatewayException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ColdStartSample(runtime, iteration, sequence, double.NaN, 0, false, null, null, e.Message, []);
        }
    }
}
