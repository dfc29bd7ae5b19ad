using Yarp.ReverseProxy.Forwarder;

namespace Flint.Gateway.Proxy;

/// <summary>What a forward's <see cref="ForwarderError"/> means for the client and for the instance.</summary>
/// <param name="Error">What to tell the client; null when the forward succeeded or the client is gone.</param>
/// <param name="InstanceBroken">The instance failed or hung, and must not serve again.</param>
internal sealed record ForwardOutcome(ApiError? Error, bool InstanceBroken)
{
    public static ForwardOutcome Success { get; } = new(null, false);

    /// <summary>
    /// <paramref name="budgetExpired"/>: the function's timeout ran out (not the client going away);
    /// <paramref name="bodyComplete"/>: the client's request body had been read to its end by then.
    /// </summary>
    public static ForwardOutcome From(
        ForwarderError error, Exception? exception, string instance, ForwardLimits limits, bool budgetExpired, bool bodyComplete)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (error == ForwarderError.None)
        {
            return Success;
        }

        if (IsConnectTimeout(exception))
        {
            return new(
                new ApiError(StatusCodes.Status504GatewayTimeout, $"could not connect to instance {instance} within {Seconds(limits.Connect)} s"),
                InstanceBroken: true);
        }

        if (budgetExpired && !bodyComplete)
        {
            return new(
                new ApiError(StatusCodes.Status408RequestTimeout, $"the request body did not arrive within the function's timeout ({Seconds(limits.Request)} s)"),
                InstanceBroken: false);
        }

        if (budgetExpired || error is ForwarderError.RequestTimedOut or ForwarderError.UpgradeActivityTimeout)
        {
            return new(
                new ApiError(StatusCodes.Status504GatewayTimeout, $"instance {instance} did not answer within the function's timeout ({Seconds(limits.Request)} s)"),
                InstanceBroken: true);
        }

        return error switch
        {
            ForwarderError.RequestBodyClient when Within(exception, e => e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }) => new(
                new ApiError(StatusCodes.Status413PayloadTooLarge, "the request body is larger than the gateway accepts"),
                InstanceBroken: false),
            ForwarderError.RequestBodyClient => new(
                new ApiError(StatusCodes.Status400BadRequest, "the request body could not be read from the client"),
                InstanceBroken: false),
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
                or ForwarderError.ResponseBodyClient or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient
                or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient => new(null, InstanceBroken: false),
            _ => new(
                new ApiError(StatusCodes.Status502BadGateway, $"instance {instance} failed while serving the request ({error}): {exception?.Message ?? "no detail"}"),
                InstanceBroken: true),
        };
    }

    private static string Seconds(TimeSpan limit) => limit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>SocketsHttpHandler reports its connect timeout as a cancellation wrapping a <see cref="TimeoutException"/>.</summary>
    private static bool IsConnectTimeout(Exception? exception) => Within(exception, e => e is TimeoutException);

    /// <summary>
    /// Whether <paramref name="exception"/> or one it wraps matches. YARP reports a request body that
    /// failed while streaming (a chunked body over the limit) as an <see cref="AggregateException"/>
    /// of the read's exception and the send's, so every branch of an aggregate is searched.
    /// </summary>
    private static bool Within(Exception? exception, Func<Exception, bool> match) =>
        exception is not null && (match(exception) || (exception is AggregateException aggregate
            ? aggregate.InnerExceptions.Any(e => Within(e, match))
            : Within(exception.InnerException, match)));
}
