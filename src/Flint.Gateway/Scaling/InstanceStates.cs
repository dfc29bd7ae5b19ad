namespace Flint.Gateway.Scaling;

/// <summary>The states a pooled instance is counted in on <c>/metrics</c>.</summary>
internal static class InstanceStates
{
    /// <summary>Launched, not yet ready (or failed, until its pool notices).</summary>
    public const string Starting = "starting";

    /// <summary>Serving at least one request.</summary>
    public const string Busy = "busy";

    /// <summary>Started and serving nothing: a warm instance waiting for a request.</summary>
    public const string Idle = "idle";
}
