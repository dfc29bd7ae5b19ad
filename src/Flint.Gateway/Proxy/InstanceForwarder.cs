using System.Net;
using Flint.Gateway.Scaling;
using Flint.Runtimes;
using Yarp.ReverseProxy.Forwarder;

namespace Flint.Gateway.Proxy;

/// <summary>
/// Sends one request to a leased instance with YARP and reports the outcome as a value. The
/// function's timeout is the whole exchange's budget (a request body trickling in, or a response
/// trickling out, cannot stretch it), not only the longest silence.
/// </summary>
internal sealed class InstanceForwarder : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a failed forward waits to learn whether its instance never came up.</summary>
    private static readonly TimeSpan AcceptingSettle = TimeSpan.FromSeconds(1);
    private readonly IHttpForwarder _forwarder;
    private readonly ILogger<InstanceForwarder> _logger;
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        ConnectTimeout = ConnectTimeout,
    });

    public InstanceForwarder(IHttpForwarder forwarder, ILogger<InstanceForwarder> logger)
    {
        _forwarder = forwarder;
        _logger = logger;
    }

    public async Task<ForwardOutcome> ForwardAsync(HttpContext context, InstanceLease lease, PathString path, TimeSpan timeout, PhaseTimeline timeline)
    {
        var config = new ForwarderRequestConfig
        {
            ActivityTimeout = timeout,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        var clientAborted = context.RequestAborted;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        budget.CancelAfter(timeout);
        var body = ObservedRequestBody.Attach(context.Request);
        context.RequestAborted = budget.Token;
        ForwarderError error;
        try
        {
            error = await _forwarder.SendAsync(context, lease.Instance.Endpoint.ToString(), _client, config, new InstanceTransformer(path, lease, timeline));
        }
        finally
        {
            context.RequestAborted = clientAborted;
        }

        if (error == ForwarderError.None)
        {
            return ForwardOutcome.Success;
        }

        var exception = context.GetForwarderErrorFeature()?.Exception;
        GatewayLog.ForwardFailed(_logger, lease.Instance.Id, error.ToString(), exception);
        var expired = budget.IsCancellationRequested && !clientAborted.IsCancellationRequested;
        var outcome = ForwardOutcome.From(error, exception, lease.Instance.Id, new ForwardLimits(timeout, ConnectTimeout), expired, body.IsComplete);
        return outcome.Error is null ? outcome : await StartFailureOrAsync(outcome, lease);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// An instance is handed off at launch (<see cref="InstanceSpec.HandOffAtLaunch"/>), so a forward to one
    /// that never came up fails as a reset connection: the client hears instead why it did not start.
    /// </summary>
    private static async Task<ForwardOutcome> StartFailureOrAsync(ForwardOutcome outcome, InstanceLease lease)
    {
        try
        {
            await lease.Instance.Accepting.WaitAsync(AcceptingSettle);
            return outcome;
        }
        catch (TimeoutException)
        {
            return outcome;
        }
        catch (Exception e)
        {
            return new ForwardOutcome(ScalerErrors.StartFailed(lease.FunctionName, e), InstanceBroken: true);
        }
    }
}
