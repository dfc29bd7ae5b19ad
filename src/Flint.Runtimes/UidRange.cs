namespace Flint.Runtimes;

/// <summary>A range of <paramref name="Count"/> uids starting at <paramref name="First"/>; never uid 0.</summary>
public sealed record UidRange(uint First, int Count)
{
    public bool IsValid => First > 0 && Count > 0 && (ulong)First + (ulong)Count < uint.MaxValue;
}
