using Flint.Gateway.Scaling;
using Flint.Runtimes;
using Yarp.ReverseProxy.Forwarder;

namespace Flint.Gateway.Proxy;

/// <summary>
/// Forwards to the leased instance under the path that followed <c>/function/{name}</c>, and tells
/// the client which instance answered, whether it was a cold start, and when each phase happened.
/// A request to a single-use instance asks it to close the connection after its response.
/// </summary>
internal sealed class InstanceTransformer : HttpTransformer
{
    public const string InstanceHeader = "X-Flint-Instance";
    public const string ColdStartHeader = "X-Flint-Cold-Start";
    private readonly PathString _path;
    private readonly InstanceLease _lease;
    private readonly PhaseTimeline _timeline;

    public InstanceTransformer(PathString path, InstanceLease lease, PhaseTimeline timeline)
    {
        _path = path;
        _lease = lease;
        _timeline = timeline;
    }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, _path, httpContext.Request.QueryString);

        // A single-use instance is stopped after this response: a pooled connection to it would sit in
        // CLOSE_WAIT, one descriptor per cold start, until the pool's idle timeout (a minute) reaps it.
        if (_lease.IsSingleUse)
        {
            proxyRequest.Headers.ConnectionClose = true;
        }

        _timeline.Mark(RequestPhases.Forward);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        _timeline.Mark(RequestPhases.Answered);
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        var headers = httpContext.Response.Headers;
        headers[InstanceHeader] = _lease.Instance.Id;
        headers[ColdStartHeader] = _lease.IsColdStart ? "true" : "false";
        headers[InvocationPhases.HeaderName] = InvocationPhases.Format(
            InvocationPhases.Collect(_timeline, _lease.IsColdStart ? _lease.Instance : null));
        return proceed;
    }
}
