using Flint.Runtimes;

namespace Flint.Gateway.Functions;

/// <summary>
/// A deployed function, validated and with every default filled in. <c>Image</c> is the manifest
/// digest of an image in the gateway's <see cref="Images.ImageStore"/> (a definition saved before
/// images were stored holds a host path); <c>Timeout</c> bounds an instance's start, a wait for
/// capacity, and the whole forwarded exchange (request body in, response out). With
/// <c>RequireAuth</c>, invoking it needs the admin token, as the management API does.
/// <c>Metadata</c> holds what an OpenFaaS-shaped deploy said that Flint keeps but does not act on.
/// </summary>
internal sealed record FunctionDefinition(
    string Name,
    string Image,
    string Runtime,
    FunctionMode Mode,
    IReadOnlyDictionary<string, string> Environment,
    ResourceLimits Limits,
    TimeSpan IdleTimeout,
    int MaxConcurrency,
    int MaxInstances,
    TimeSpan Timeout,
    bool RequireAuth = false,
    FunctionMetadata? Metadata = null)
{
    /// <summary>How many requests the function's instances may serve at once in total.</summary>
    public int Capacity => Mode == FunctionMode.KeepWarm ? MaxInstances * MaxConcurrency : MaxInstances;
}
