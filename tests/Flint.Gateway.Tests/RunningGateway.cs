using System.Net.Http.Headers;
using System.Net.Http.Json;
using Flint.Gateway.Security;
using Flint.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Flint.Gateway.Tests;

/// <summary>
/// A real gateway on an ephemeral loopback port, and an HTTP client pointed at it that presents the
/// gateway's admin token (a fresh one per gateway). Images may be named by host path under the
/// system temp folder, where the tests build them. Its idle clock is <see cref="Time"/>, which stands
/// still unless a test moves it: keep-warm instances are never retired behind a test's back, and a
/// test that wants them retired says so.
/// </summary>
internal sealed class RunningGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _disposed;

    private RunningGateway(WebApplication app, string dataDirectory, string token, FakeTimeProvider time)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Token = token;
        Time = time;
        Client = Anonymous();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Presents the admin token on every request.</summary>
    public HttpClient Client { get; }

    public string Token { get; }

    /// <summary>The gateway's services (its endpoints, its options).</summary>
    public IServiceProvider Services => _app.Services;

    public string DataDirectory { get; }

    /// <summary>The clock of the gateway's idle timeouts and idle sweep.</summary>
    public FakeTimeProvider Time { get; }

    public static async Task<RunningGateway> StartAsync(string dataDirectory, Func<GatewayOptions, GatewayOptions>? configure = null)
    {
        var time = new FakeTimeProvider();
        var defaults = new GatewayOptions { DataDirectory = dataDirectory, Port = 0, AdminToken = AdminToken.Generate(), ImageRoots = [Path.GetTempPath()], Time = time };
        var options = configure?.Invoke(defaults) ?? defaults;
        var app = GatewayHost.Build(options, builder => builder.Logging.ClearProviders());
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningGateway(app, dataDirectory, options.AdminToken, time);
    }

    /// <summary>A new client of this gateway that presents no token; the caller disposes it.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = GatewayHost.Address(_app), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Deploys the reference hello function under <paramref name="name"/> with extra spec fields.</summary>
    public async Task DeployHelloAsync(string name, object? extra = null) =>
        await DeployAsync(name, await ReferenceFunctions.HelloAsync(), extra);

    /// <summary>Deploys <paramref name="image"/> under <paramref name="name"/>; with <paramref name="update"/>, replaces the deployment of that name.</summary>
    public async Task DeployAsync(string name, string image, object? extra = null, bool update = false)
    {
        var spec = DeploySpec.Create(name, image, extra);
        using var response = update
            ? await Client.PutAsync($"/system/functions/{name}", spec, TestContext.Current.CancellationToken)
            : await Client.PostAsync("/system/functions", spec, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The newest output lines of <paramref name="name"/>'s instances, as one text.</summary>
    public async Task<string> LogsAsync(string name)
    {
        using var response = await Client.GetAsync($"/system/functions/{name}/logs?tail=1000", TestContext.Current.CancellationToken);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Whether <paramref name="name"/> has no instance left, live or still stopping (a stop also prepares the next start).</summary>
    public async Task<bool> AllStoppedAsync(string name)
    {
        var function = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/system/functions/{name}", TestContext.Current.CancellationToken);
        return function.GetProperty("instances").GetInt32() == 0 && function.GetProperty("stopping").GetInt32() == 0;
    }

    public async Task<int> InstanceCountAsync(string name)
    {
        var function = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/system/functions/{name}", TestContext.Current.CancellationToken);
        return function.GetProperty("instances").GetInt32();
    }

    /// <summary>
    /// Moves the idle clock on by <paramref name="idleTimeout"/> at each look until <paramref name="name"/>
    /// has no instance left; false if it still has one after the usual limit. The clock moves again at
    /// each look because an instance's idle time counts from its release, which may follow the response.
    /// </summary>
    public Task<bool> ScalesToZeroAsync(string name, TimeSpan idleTimeout) =>
        Eventually.TrueAsync(async () =>
        {
            Time.Advance(idleTimeout);
            return await InstanceCountAsync(name) == 0;
        });

    /// <summary>Skips the calling test, with the gateway's own reason, when <paramref name="runtime"/> cannot run here.</summary>
    public async Task RequireRuntimeAsync(string runtime)
    {
        var runtimes = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/system/runtimes", TestContext.Current.CancellationToken);
        var entry = runtimes.EnumerateArray().Single(r => r.GetProperty("name").GetString() == runtime);
        if (!entry.GetProperty("available").GetBoolean())
        {
            Assert.Skip($"runtime '{runtime}' is unavailable on this host: {entry.GetProperty("reason").GetString()}");
        }
    }

    /// <summary>Stops the gateway gracefully (as Ctrl+C would); safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
