using Yarp.ReverseProxy.Forwarder;

namespace Flint.Gateway.Proxy;

/// <summary>What a forward's <see cref="ForwarderError"/> means for the client and for the instance.</summary>
/// <param name="Error">What to tell the client; null when the forward succeeded or the client is gone.</param>
/// <param name="InstanceBroken">The instance failed or hung, and must not serve again.</param>
internal sealed record ForwardOutcome(ApiError? Error, bool InstanceBroken)
{
    public static ForwardOutcome Success { get; } = new(null, false);

    public static ForwardOutcome From(ForwarderError error, Exception? exception, string instance, TimeSpan timeout) => error switch
    {
        ForwarderError.None => Success,
        ForwarderError.RequestTimedOut or ForwarderError.UpgradeActivityTimeout => new(
            new ApiError(StatusCodes.Status504GatewayTimeout, $"instance {instance} did not answer within {timeout.TotalSeconds:0.###} s"),
            InstanceBroken: true),
        ForwarderError.RequestBodyClient when exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new(
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
