using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flint.Gateway.Tests.Async;

/// <summary>
/// A small HTTP listener on loopback that takes async results: each POST is recorded and then held
/// unanswered until the test calls <see cref="Release"/>, so a test can keep the gateway's worker busy.
/// </summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedCallback> _received = Channel.CreateUnbounded<ReceivedCallback>();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CallbackReceiver(WebApplication app) => _app = app;

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/result");

    public static async Task<CallbackReceiver> StartAsync(bool hold = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new CallbackReceiver(app);
        if (!hold)
        {
            receiver.Release();
        }

        app.MapPost("/result", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            await receiver._received.Writer.WriteAsync(new ReceivedCallback(
                request.Headers["X-Call-Id"].ToString(), request.Headers["X-Function-Status"].ToString(), request.Headers["X-Function-Name"].ToString(), body));
            await receiver._released.Task;
            return Results.Ok();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return receiver;
    }

    /// <summary>The next result posted, in arrival order.</summary>
    public async Task<ReceivedCallback> NextAsync() => await _received.Reader.ReadAsync(TestContext.Current.CancellationToken);

    /// <summary>Answers every held callback and every later one at once.</summary>
    public void Release() => _released.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
