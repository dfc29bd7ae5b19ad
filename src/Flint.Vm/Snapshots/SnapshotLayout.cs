namespace Flint.Vm.Snapshots;

/// <summary>
/// A snapshot file: a fixed header (magic, format version, the metadata's length, where page data starts and how
/// long it is, the SHA-256 of metadata and page data), the metadata, then the guest's non-zero resident pages,
/// page-aligned so that a restore maps them copy-on-write straight from the file.
/// </summary>
internal static class SnapshotLayout
{
    public const int Version = 1;
    public const int HeaderSize = 72;
    public const int HashOffset = 40;
    public const int MaxMetadata = 64 << 20;

    public static ReadOnlySpan<byte> Magic => "FLINTSNP"u8;

    public static long DataOffset(long metadataLength) => (HeaderSize + metadataLength + (long)Layout.PageSize - 1) & ~((long)Layout.PageSize - 1);
}
