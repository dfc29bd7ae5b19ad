namespace Flint.Oci.State;

/// <summary>The OCI runtime spec's container statuses, as <c>state</c> reports them.</summary>
internal static class ContainerStatus
{
    public const string Creating = "creating";
    public const string Created = "created";
    public const string Running = "running";
    public const string Stopped = "stopped";
}
