using System.Diagnostics;
using Flint.Bench.Gateway;

namespace Flint.Bench.Throughput;

/// <summary>
/// A bounded closed-loop load generator: <c>connections</c> workers, each on its own keep-alive
/// connection, send GETs back to back for <c>duration</c> and then stop by themselves; each sends
/// at least one, however short the window. Loopback only.
/// A response counts when its status is 200 and its body is the expected one.
/// </summary>
public static class LoadGenerator
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static async Task<LoadResult> RunAsync(Uri target, string expectedBody, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        LoopbackAddress.Require(new Uri(target.GetLeftPart(UriPartial.Authority)));
        var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = connections, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = RequestTimeout };
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardStop.CancelAfter(duration + RequestTimeout);
        var start = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, connections)
            .Select(_ => WorkerAsync(client, target, expectedBody, start, duration, hardStop.Token))
            .ToArray();
        var results = await Task.WhenAll(workers).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var elapsed = Stopwatch.GetElapsedTime(start);
        var latencies = results.SelectMany(r => r.Latencies).ToArray();
        return new LoadResult(latencies.Length, results.Sum(r => r.Errors), elapsed, latencies);
    }

    private static async Task<(List<double> Latencies, int Errors)> WorkerAsync(
        HttpClient client, Uri target, string expectedBody, long start, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var errors = 0;
        do
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode == 200 && body == expectedBody)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
                else
                {
                    errors++;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                errors++;
            }
        }
        while (Stopwatch.GetElapsedTime(start) < duration && !cancellationToken.IsCancellationRequested);

        return (latencies, errors);
    }
}
