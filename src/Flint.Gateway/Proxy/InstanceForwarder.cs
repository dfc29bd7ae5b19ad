using System.Net;
using Flint.Gateway.Scaling;
using Flint.Runtimes;
using Yarp.ReverseProxy.Forwarder;

namespace Flint.Gateway.Proxy;

/// <summary>Sends one request to a leased instance with YARP and reports the outcome as a value.</summary>
internal sealed class InstanceForwarder : IDisposable
{
    private readonly IHttpForwarder _forwarder;
    private readonly ILogger<InstanceForwarder> _logger;
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(5),
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
        var error = await _forwarder.SendAsync(context, lease.Instance.Endpoint.ToString(), _client, config, new InstanceTransformer(path, lease, timeline));
        if (error == ForwarderError.None)
        {
            return ForwardOutcome.Success;
        }

        var exception = context.GetForwarderErrorFeature()?.Exception;
        GatewayLog.ForwardFailed(_logger, lease.Instance.Id, error.ToString(), exception);
        return ForwardOutcome.From(error, exception, lease.Instance.Id, timeout);
    }

    public void Dispose() => _client.Dispose();
}
