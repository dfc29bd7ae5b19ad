using System.Formats.Tar;
using System.IO.Compression;

namespace Flint.Images.Oci;

/// <summary>
/// Unpacks a gzip tar layer into a directory. Only regular files and directories are accepted, every
/// entry must stay inside the target (a layer cannot write outside its rootfs), and the layer may unpack to
/// at most <see cref="MaxUnpackedBytes"/> in at most <see cref="MaxEntries"/> entries, so a small
/// compressed layer cannot fill the disk (a "zip bomb"). A layer that is not a gzip-compressed tar, or is
/// cut short, is an <see cref="ImageException"/> too. <see cref="Check"/> walks a layer under the same rules
/// without writing anything, so that an image is refused when it is stored rather than when it first starts.
/// </summary>
public static class LayerExtractor
{
    /// <summary>The most a layer may unpack to. A function image holds one static executable, a few MiB.</summary>
    public const long MaxUnpackedBytes = 512L << 20;

    /// <summary>The most entries (files and directories) a layer may hold.</summary>
    public const int MaxEntries = 10_000;

    public static void Extract(string layerPath, string targetDirectory)
    {
        var root = Path.GetFullPath(targetDirectory) + Path.DirectorySeparatorChar;
        Walk(layerPath, root, (entry, destination) =>
        {
            if (entry.EntryType == TarEntryType.Directory)
            {
                Directory.CreateDirectory(destination);
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            entry.ExtractToFile(destination, overwrite: false);
            File.SetUnixFileMode(destination, entry.Mode);
        });
    }

    /// <summary>Reads the whole layer under the rules <see cref="Extract"/> applies, writing nothing; throws <see cref="ImageException"/> naming what is wrong.</summary>
    public static void Check(string layerPath)
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "layer-check")) + Path.DirectorySeparatorChar;
        Walk(layerPath, root, static (_, _) => { });
    }

    private static void Walk(string layerPath, string root, Action<TarEntry, string> accept)
    {
        try
        {
            using var file = File.OpenRead(layerPath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            long unpacked = 0;
            var entries = 0;
            while (reader.GetNextEntry() is { } entry)
            {
                var destination = Path.GetFullPath(Path.Combine(root, entry.Name.TrimStart('/')));
                if (!destination.StartsWith(root, StringComparison.Ordinal))
                {
                    throw new ImageException($"layer entry '{entry.Name}' escapes the rootfs");
                }

                if (entry.EntryType is not (TarEntryType.Directory or TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    throw new ImageException($"layer entry '{entry.Name}' has unsupported type {entry.EntryType}");
                }

                unpacked += entry.Length;
                if (++entries > MaxEntries || unpacked > MaxUnpackedBytes)
                {
                    throw new ImageException($"the layer unpacks to more than {MaxUnpackedBytes} bytes or {MaxEntries} entries, more than a function image may");
                }

                accept(entry, destination);
            }
        }
        catch (Exception e) when (MalformedTar.Is(e))
        {
            throw new ImageException($"the layer is not a complete gzip-compressed tar: {e.Message}", e);
        }
    }
}
