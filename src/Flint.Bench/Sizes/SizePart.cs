namespace Flint.Bench.Sizes;

/// <summary>A named component of a size total.</summary>
public sealed record SizePart(string Name, long Bytes);
