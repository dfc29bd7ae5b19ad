using System.Formats.Tar;
using System.IO.Compression;

namespace Flint.Images.Oci;

/// <summary>
/// Unpacks a gzip tar layer into a directory. Only regular files and directories are accepted, and
/// every entry must stay inside the target: a layer cannot write outside its rootfs.
/// </summary>
public static class LayerExtractor
{
    public static void Extract(string layerPath, string targetDirectory)
    {
        var root = Path.GetFullPath(targetDirectory) + Path.DirectorySeparatorChar;
        using var file = File.OpenRead(layerPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            var destination = Path.GetFullPath(Path.Combine(root, entry.Name.TrimStart('/')));
            if (!destination.StartsWith(root, StringComparison.Ordinal))
            {
                throw new ImageException($"layer entry '{entry.Name}' escapes the rootfs");
            }

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(destination);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    entry.ExtractToFile(destination, overwrite: false);
                    File.SetUnixFileMode(destination, entry.Mode);
                    break;
                default:
                    throw new ImageException($"layer entry '{entry.Name}' has unsupported type {entry.EntryType}");
            }
        }
    }
}
