namespace Flint.Bench.Sizes;

/// <summary>The function's own bytes: the static executable, its OCI layer (gzip and tar) and the unpacked rootfs.</summary>
public sealed record ImageSizes(long ExecutableBytes, long LayerCompressedBytes, long LayerUncompressedBytes, long RootfsBytes);
