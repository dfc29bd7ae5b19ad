namespace Flint.Bench.Sizes;

/// <summary>Everything about size: the function image, each runtime's host footprint and, optionally, the typical-container row.</summary>
public sealed record SizeReport(ImageSizes? Image, string? ImageError, IReadOnlyList<RuntimeFootprint> Footprints, TypicalContainerSize? TypicalContainer);
