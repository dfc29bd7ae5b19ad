namespace Flint.Runtimes;

/// <summary>
/// Phase names shared by every runtime, so the gateway and the benchmark can compare them. A runtime
/// may mark extra phases of its own (e.g. <c>bundle</c>, <c>created</c> for OCI runtimes).
/// </summary>
public static class InstancePhases
{
    /// <summary>The runtime began creating the instance.</summary>
    public const string Create = "create";

    /// <summary>The instance's process (or VM) was launched.</summary>
    public const string Launched = "launched";

    /// <summary>The instance accepted a connection (or, in a VM, called listen).</summary>
    public const string Ready = "ready";

    /// <summary>The instance is stopped and everything it held is released.</summary>
    public const string Stopped = "stopped";
}
