using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Flint.Testing;

namespace Flint.Cli.Tests.Commands;

/// <summary>
/// <c>flint up</c> killed outright (SIGKILL: no graceful stop): its process instances die with it, and
/// the next gateway on the same data directory keeps every function deployed on it and removes the
/// containers it left before it serves.
/// </summary>
public sealed partial class GatewayKilledTests
{
    [Fact]
    public async Task Up_KilledOutright_NextGatewayKeepsTheFunctionsAndLeavesNoInstanceRunning()
    {
        var image = await NativeTestFunctions.NamesItselfAsync();
        using var data = new TempDirectory("flint-cli");
        using var first = Process.Start(FlintProcess.StartInfo("up", "--port", "0", "--data", data.Path, "--images", Path.GetDirectoryName(image)!))!;
        int processInstance;
        var containerRuntimes = new List<string>();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(await ListeningAddressAsync(first)), Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(data.Path, "admin-token")).Trim());
            processInstance = await StartWarmInstanceAsync(client, "process", image);
            foreach (var runtime in new[] { "crun", "runc" })
            {
                if (await IsAvailableAsync(client, runtime))
                {
                    await StartWarmInstanceAsync(client, runtime, image);
                    containerRuntimes.Add(runtime);
                }
            }
        }
        finally
        {
            first.Kill();
            await first.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(await EventuallyAsync(() => !IsRunning(processInstance)), $"process instance {processInstance} outlived its gateway");
        Assert.All(containerRuntimes, runtime => Assert.NotEmpty(Containers(data.Path, runtime)));

        using var second = Process.Start(FlintProcess.StartInfo("up", "--port", "0", "--data", data.Path))!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(await ListeningAddressAsync(second)), Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(data.Path, "admin-token")).Trim());
            var functions = await client.GetFromJsonAsync<JsonElement>("/system/functions", TestContext.Current.CancellationToken);
            var names = functions.EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
            Assert.All(new[] { "process" }.Concat(containerRuntimes), runtime => Assert.Contains($"warm-{runtime}", names));
            Assert.Contains("PID=", await client.GetStringAsync("/function/warm-process/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.All(containerRuntimes, runtime => Assert.Empty(Containers(data.Path, runtime)));
            Assert.All(containerRuntimes, runtime => Assert.Empty(Directory.EnumerateDirectories(Path.Combine(data.Path, runtime, "bundles"))));
        }
        finally
        {
            Command.Run("kill", "-TERM", second.Id.ToString(CultureInfo.InvariantCulture));
            if (!second.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                second.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Deploys a keep-warm function on the runtime and calls it once; returns the pid it reports.</summary>
    private static async Task<int> StartWarmInstanceAsync(HttpClient client, string runtime, string image)
    {
        var spec = JsonSerializer.Serialize(new { name = $"warm-{runtime}", image, runtime, mode = "keep-warm", idleTimeout = "10m" });
        using var deploy = await client.PostAsync("/system/functions", new StringContent(spec, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(deploy.IsSuccessStatusCode, await deploy.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var answer = await client.GetStringAsync($"/function/warm-{runtime}/", TestContext.Current.CancellationToken);
        return int.Parse(PidField().Match(answer).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<bool> IsAvailableAsync(HttpClient client, string runtime)
    {
        var runtimes = await client.GetFromJsonAsync<JsonElement>("/system/runtimes", TestContext.Current.CancellationToken);
        return runtimes.EnumerateArray().Any(r => r.GetProperty("name").GetString() == runtime && r.GetProperty("available").GetBoolean());
    }

    private static string[] Containers(string data, string runtime) =>
        Command.Lines(runtime, "--root", Path.Combine(data, runtime, "state"), "list", "--quiet");

    /// <summary>Running, not a zombie waiting for init to reap it.</summary>
    private static bool IsRunning(int pid) => Flint.Interop.Proc.ProcStat.IsRunning(pid);

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return condition();
    }

    private static async Task<string> ListeningAddressAsync(Process gateway)
    {
        while (await gateway.StandardError.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException("flint up exited before it listened");
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"PID=(\d+)")]
    private static partial Regex PidField();
}
