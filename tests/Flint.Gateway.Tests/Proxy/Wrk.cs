using System.Diagnostics;
using System.Text.Json;
using Flint.Testing;

namespace Flint.Gateway.Tests.Proxy;

/// <summary>
/// Runs wrk (Debian package wrk) against one URL, bounded in connections, time and per-request timeout, and reads
/// its counts from a Lua <c>done</c> script that prints them as one JSON line (wrk's own report is for people). A
/// <c>response</c> hook counts every status outside 2xx, which wrk's own count (4xx and 5xx only) would miss.
/// </summary>
internal static class Wrk
{
    private const string Marker = "wrk-summary ";

    private const string Script = """
        local threads = {}
        function setup(thread) table.insert(threads, thread) end
        function init(args) non2xx = 0 end
        function response(status, headers, body)
          if status < 200 or status > 299 then non2xx = non2xx + 1 end
        end
        function done(summary, latency, requests)
          local non2xx = 0
          for _, thread in ipairs(threads) do non2xx = non2xx + thread:get("non2xx") end
          local e = summary.errors
          io.write(string.format('wrk-summary {"requests":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"non2xx":%d}\n',
            summary.requests, e.connect, e.read, e.write, e.timeout, non2xx))
        end
        """;

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Skips the calling test when wrk is not installed.</summary>
    public static void Require() => HostRequirements.RequireCommand("wrk", "wrk");

    public static async Task<WrkSummary> RunAsync(Uri url, int connections, TimeSpan duration, TimeSpan requestTimeout)
    {
        using var work = new TempDirectory("flint-wrk");
        var script = work.Combine("summary.lua");
        await File.WriteAllTextAsync(script, Script, TestContext.Current.CancellationToken);
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--threads", "1", "--connections", $"{connections}", "--duration", $"{(int)duration.TotalSeconds}s",
            "--timeout", $"{(int)requestTimeout.TotalSeconds}s", "--script", script, url.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(duration + requestTimeout + TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"wrk ran past {duration + requestTimeout + TimeSpan.FromSeconds(30)} and was killed");
        }

        var output = await stdout;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        Assert.True(process.ExitCode == 0 && line is not null, $"wrk exited with status {process.ExitCode} and no summary:\n{output}{await stderr}");
        return JsonSerializer.Deserialize<WrkSummary>(line[Marker.Length..], Json)!;
    }
}
