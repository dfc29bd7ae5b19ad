namespace Flint.Images;

/// <summary>
/// The exceptions <see cref="System.Formats.Tar.TarReader"/> (and a gzip stream under it) throws for an archive
/// that is not a well-formed tar: a bad header or checksum, a stream cut short, and a size or number field
/// past its range, which it reports as an overflow or an out-of-range argument.
/// </summary>
internal static class MalformedTar
{
    public static bool Is(Exception e) =>
        e is InvalidDataException or FormatException or EndOfStreamException or OverflowException or ArgumentOutOfRangeException;
}
