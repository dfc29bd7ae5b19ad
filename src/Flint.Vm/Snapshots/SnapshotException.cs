namespace Flint.Vm.Snapshots;

/// <summary>A snapshot could not be taken (the guest holds something it cannot carry) or read (corrupt, stale, of another platform).</summary>
public sealed class SnapshotException : Exception
{
    public SnapshotException()
    {
    }

    public SnapshotException(string message)
        : base(message)
    {
    }

    public SnapshotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
