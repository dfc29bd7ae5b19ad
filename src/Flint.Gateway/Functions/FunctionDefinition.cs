using Flint.Runtimes;

namespace Flint.Gateway.Functions;

/// <summary>
/// A deployed function, validated and with every default filled in. <c>Image</c> is the absolute
/// path of a flint build output or OCI layout; <c>Timeout</c> bounds an instance's start, a wait for
/// capacity, and the whole forwarded exchange (request body in, response out).
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
    TimeSpan Timeout)
{
    /// <summary>How many requests the function's instances may serve at once in total.</summary>
    public int Capacity => Mode == FunctionMode.KeepWarm ? MaxInstances * MaxConcurrency : MaxInstances;
}
