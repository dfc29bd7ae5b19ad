using Flint.Runtimes;

namespace Flint.Gateway.Scaling;

/// <summary>The ways the scaler can refuse a request, as client-facing errors.</summary>
internal static class ScalerErrors
{
    public static ApiError Closing(string function) =>
        new(StatusCodes.Status503ServiceUnavailable, $"function '{function}' is being removed or the gateway is shutting down");

    public static ApiError StartFailed(string function, Exception error) => error switch
    {
        InstanceStartException start => new ApiError(StatusCodes.Status502BadGateway, $"function '{function}' failed to start: {start.Message}", start.OutputTail),
        OperationCanceledException or ObjectDisposedException => Closing(function),
        _ => new ApiError(StatusCodes.Status502BadGateway, $"function '{function}' failed to start: {error.Message}"),
    };
}
