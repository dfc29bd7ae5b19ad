using System.Collections.Concurrent;
using System.Text.Json;
using Flint.Bench.ColdStart;
using Flint.Bench.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Flint.Bench.Tests.Fakes;

/// <summary>
/// A stand-in for the Flint gateway's HTTP API on 127.0.0.1: lists runtimes, deploys and deletes
/// functions, answers invocations with the hello body and Flint headers, and records every call.
/// </summary>
public sealed class FakeGateway : IAsyncDisposable
{
    public const string Phases = "acquire=0.01;create=0.02;launched=1.2;ready=3.4;forward=3.5;response=4.1";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _functions = new();
    private readonly ConcurrentDictionary<string, int> _instances = new();

    private FakeGateway(IReadOnlyList<RuntimeStatus> runtimes, ISet<string> wrongBody, ISet<string> failDeploy)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/system/runtimes", () => Results.Json(runtimes));
        _app.MapPost("/system/functions", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var name = body.RootElement.GetProperty("name").GetString()!;
            var runtime = body.RootElement.GetProperty("runtime").GetString()!;
            Deployments.Enqueue(name);
            if (failDeploy.Contains(runtime))
            {
                return Results.Json(new { error = $"runtime {runtime} exploded" }, statusCode: 500);
            }

            return _functions.TryAdd(name, runtime) ? Results.Created($"/system/functions/{name}", null) : Results.Conflict(new { error = "exists" });
        });
        _app.MapDelete("/system/functions/{name}", (string name) =>
        {
            Deletions.Enqueue(name);
            return _functions.TryRemove(name, out _) ? Results.NoContent() : Results.NotFound(new { error = "no such function" });
        });
        _app.MapGet("/system/functions/{name}", (string name) =>
        {
            // A single-use instance is "torn down" after TeardownPolls looks at the function.
            var instances = _instances.AddOrUpdate(name, 0, (_, n) => Math.Max(0, n - 1));
            if (instances == 0)
            {
                Events.Enqueue($"idle {name}");
            }

            return Results.Json(new { name, instances });
        });
        _app.MapGet("/function/{name}/{**path}", (string name, HttpResponse response) =>
        {
            Invocations.Enqueue(name);
            if (!_functions.TryGetValue(name, out var runtime))
            {
                return Results.NotFound(new { error = "no such function" });
            }

            Events.Enqueue($"invoke {name}");
            _instances[name] = TeardownPolls;

            response.Headers["X-Flint-Instance"] = $"{runtime}-1";
            response.Headers["X-Flint-Cold-Start"] = "true";
            response.Headers["X-Flint-Phases"] = Phases;
            return Results.Text(wrongBody.Contains(runtime) ? "not hello\n" : HelloFunction.ExpectedBody);
        });
    }

    public Uri Url => new(_app.Urls.First() + "/");

    public ConcurrentQueue<string> Deployments { get; } = new();

    public ConcurrentQueue<string> Deletions { get; } = new();

    public ConcurrentQueue<string> Invocations { get; } = new();

    /// <summary>"invoke NAME" when a request arrives, "idle NAME" when a poll finds no instance left.</summary>
    public ConcurrentQueue<string> Events { get; } = new();

    private const int TeardownPolls = 2;

    public IReadOnlyCollection<string> Deployed => [.. _functions.Keys];

    public static async Task<FakeGateway> StartAsync(IReadOnlyList<RuntimeStatus> runtimes, ISet<string>? wrongBody = null, ISet<string>? failDeploy = null)
    {
        var gateway = new FakeGateway(runtimes, wrongBody ?? new HashSet<string>(), failDeploy ?? new HashSet<string>());
        await gateway._app.StartAsync();
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
