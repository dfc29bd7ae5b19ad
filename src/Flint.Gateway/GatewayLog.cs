namespace Flint.Gateway;

/// <summary>The gateway's log messages.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Information, "Deployed function {Function} (runtime {Runtime}, {Mode})")]
    public static partial void FunctionDeployed(ILogger logger, string function, string runtime, string mode);

    [LoggerMessage(2, LogLevel.Information, "Deleted function {Function}")]
    public static partial void FunctionDeleted(ILogger logger, string function);

    [LoggerMessage(3, LogLevel.Debug, "Started instance {Instance} of {Function}")]
    public static partial void InstanceStarted(ILogger logger, string instance, string function);

    [LoggerMessage(4, LogLevel.Warning, "Instance of {Function} failed to start: {Reason}")]
    public static partial void InstanceStartFailed(ILogger logger, string function, string reason);

    [LoggerMessage(5, LogLevel.Error, "Stopping instance {Instance} failed")]
    public static partial void InstanceStopFailed(ILogger logger, string instance, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Forwarding to instance {Instance} failed: {Error}")]
    public static partial void ForwardFailed(ILogger logger, string instance, string error, Exception? exception);

    [LoggerMessage(7, LogLevel.Error, "Unhandled error serving {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Stopping every instance")]
    public static partial void StoppingAllInstances(ILogger logger);

    [LoggerMessage(9, LogLevel.Warning, "Removed {Count} instances of runtime {Runtime} left behind by an earlier gateway")]
    public static partial void LeftoversRemoved(ILogger logger, int count, string runtime);

    [LoggerMessage(10, LogLevel.Error, "Sweeping runtime {Runtime} for leftovers of an earlier gateway failed; retrying in {RetrySeconds} s")]
    public static partial void LeftoverSweepFailed(ILogger logger, string runtime, double retrySeconds, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "Async call {CallId} to {Function} failed: {Error}")]
    public static partial void AsyncCallFailed(ILogger logger, string callId, string function, string error);

    [LoggerMessage(12, LogLevel.Warning, "Callback {Callback} refused the result of async call {CallId} with status {Status}")]
    public static partial void AsyncCallbackRefused(ILogger logger, string callId, string callback, int status);

    [LoggerMessage(13, LogLevel.Information, "Removed pulled image {Digest}: no function uses it any more")]
    public static partial void ImageRemoved(ILogger logger, string digest);

    [LoggerMessage(14, LogLevel.Warning, "Removing unused pulled image {Digest} failed")]
    public static partial void ImageRemoveFailed(ILogger logger, string digest, Exception exception);
}
