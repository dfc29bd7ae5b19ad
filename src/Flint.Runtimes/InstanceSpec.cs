using Flint.Images;

namespace Flint.Runtimes;

/// <summary>Everything a runtime needs to boot one instance of a function.</summary>
/// <param name="FunctionName">The deployed function's name (used in logs and resource names).</param>
/// <param name="Image">The function image; the runtime runs its entrypoint.</param>
/// <param name="Environment">Variables on top of the image's own; the runtime adds <c>PORT</c>.</param>
/// <param name="Limits">Resource limits the runtime enforces where it can.</param>
/// <param name="StartTimeout">How long to wait for readiness before giving up.</param>
/// <param name="Log">Where the instance's stdout and stderr lines go.</param>
/// <param name="Capabilities">
/// Linux capabilities the function asks for (<c>CAP_NET_BIND_SERVICE</c>, ...); none when null. Only the
/// container runtimes grant them, and only those in their grantable set: asking for another fails the start.
/// </param>
/// <param name="HandOffAtLaunch">
/// Return the instance as soon as it is launched, before it accepts, where the runtime can: its listening
/// socket is the host's (socket activation), so a connection made at once waits in the socket's queue
/// until the instance accepts it. <see cref="Instance.Accepting"/> then tells when it did, or why it never
/// will. Runtimes that cannot hand off early return once the instance accepts, as always.
/// </param>
public sealed record InstanceSpec(
    string FunctionName,
    FunctionImage Image,
    IReadOnlyDictionary<string, string> Environment,
    ResourceLimits Limits,
    TimeSpan StartTimeout,
    IInstanceLog Log,
    IReadOnlyList<string>? Capabilities = null,
    bool HandOffAtLaunch = false);
