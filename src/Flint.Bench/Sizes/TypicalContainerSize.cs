namespace Flint.Bench.Sizes;

/// <summary>
/// The comparison row "a typical .NET container": a slim Debian rootfs, the shared .NET runtime and a
/// framework-dependent publish of the same function. <see cref="Missing"/> names the parts that could
/// not be measured, so an incomplete total is never mistaken for a complete one.
/// </summary>
public sealed record TypicalContainerSize(IReadOnlyList<SizePart> Parts, IReadOnlyList<string> Missing)
{
    public long TotalBytes => Parts.Sum(p => p.Bytes);

    public bool IsComplete => Missing.Count == 0;
}
