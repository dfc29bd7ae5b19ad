namespace Flint.Gateway.Proxy;

/// <summary>
/// The gateway's own phases of one invocation, measured from the request's arrival; a cold start
/// adds the runtime's <see cref="Flint.Runtimes.InstancePhases"/> between arrival and acquired.
/// </summary>
internal static class RequestPhases
{
    /// <summary>The scaler handed out an instance (warm, or cold and ready).</summary>
    public const string Acquired = "acquired";

    /// <summary>The request began to be forwarded to the instance.</summary>
    public const string Forward = "forward";

    /// <summary>The instance's response headers arrived (for an instance handed off at launch, this can come before its <c>ready</c>).</summary>
    public const string Answered = "answered";

    /// <summary>The last byte of the response was sent to the client.</summary>
    public const string Response = "response";

    /// <summary>The lease was released (for single-use, the instance is stopped).</summary>
    public const string Teardown = "teardown";
}
