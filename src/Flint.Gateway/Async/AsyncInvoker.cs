using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Flint.Gateway.Async;

/// <summary>
/// Runs queued <see cref="AsyncCall"/>s, <see cref="GatewayOptions.AsyncWorkers"/> at a time, the way
/// OpenFaaS's queue worker does: each call is replayed against the gateway's own
/// <c>/function/{name}</c> (so it is scaled, limited and counted like any invocation), and the answer
/// is posted to the call's <c>X-Callback-Url</c>, if it gave one, with <c>X-Call-Id</c>,
/// <c>X-Function-Name</c>, <c>X-Function-Status</c> and <c>X-Duration-Seconds</c>. Calls still queued
/// when the gateway stops are dropped.
/// </summary>
internal sealed class AsyncInvoker : BackgroundService
{
    public const string CallIdHeader = "X-Call-Id";
    public const string FunctionNameHeader = "X-Function-Name";
    public const string FunctionStatusHeader = "X-Function-Status";
    public const string DurationHeader = "X-Duration-Seconds";

    /// <summary>How long a callback receiver has to take the result.</summary>
    private static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(30);

    private readonly AsyncQueue _queue;
    private readonly IServer _server;
    private readonly GatewayOptions _options;
    private readonly ILogger<AsyncInvoker> _logger;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public AsyncInvoker(AsyncQueue queue, IServer server, GatewayOptions options, ILogger<AsyncInvoker> logger)
    {
        _queue = queue;
        _server = server;
        _options = options;
        _logger = logger;
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.AsyncWorkers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var call in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(call, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The gateway is stopping.
        }
    }

    private async Task RunAsync(AsyncCall call, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = Replay(call);
        HttpResponseMessage? response = null;
        try
        {
            response = await _http.SendAsync(request, stoppingToken);
            var body = await response.Content.ReadAsByteArrayAsync(stoppingToken);
            if (call.CallbackUrl is { } callback)
            {
                await PostResultAsync(call, callback, (int)response.StatusCode, response.Content.Headers.ContentType, body, Stopwatch.GetElapsedTime(started), stoppingToken);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            GatewayLog.AsyncCallFailed(_logger, call.CallId, call.Function, e.Message);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private HttpRequestMessage Replay(AsyncCall call)
    {
        var request = new HttpRequestMessage(new HttpMethod(call.Method), new Uri(SelfAddress(), $"/function/{call.Function}{call.PathAndQuery}"))
        {
            Content = new ByteArrayContent(call.Body),
        };
        foreach (var (name, values) in call.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, values))
            {
                request.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        request.Headers.Remove(CallIdHeader);
        request.Headers.TryAddWithoutValidation(CallIdHeader, call.CallId);
        if (call.PresentedToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AdminToken);
        }

        return request;
    }

    private async Task PostResultAsync(AsyncCall call, Uri callback, int status, MediaTypeHeaderValue? contentType, byte[] body, TimeSpan duration, CancellationToken stoppingToken)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new ByteArrayContent(body) };
        post.Content.Headers.ContentType = contentType;
        post.Headers.TryAddWithoutValidation(CallIdHeader, call.CallId);
        post.Headers.TryAddWithoutValidation(FunctionNameHeader, call.Function);
        post.Headers.TryAddWithoutValidation(FunctionStatusHeader, status.ToString(CultureInfo.InvariantCulture));
        post.Headers.TryAddWithoutValidation(DurationHeader, duration.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(CallbackTimeout);
        using var answer = await _http.SendAsync(post, timeout.Token);
        if (!answer.IsSuccessStatusCode)
        {
            GatewayLog.AsyncCallbackRefused(_logger, call.CallId, callback.ToString(), (int)answer.StatusCode);
        }
    }

    /// <summary>The address the gateway listens on, as a client reaches it (an unspecified address means loopback).</summary>
    private Uri SelfAddress()
    {
        var address = _server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var builder = new UriBuilder(address);
        builder.Host = builder.Host switch
        {
            "0.0.0.0" or "+" or "*" => "127.0.0.1",
            "[::]" => "[::1]",
            var host => host,
        };
        return builder.Uri;
    }
}
