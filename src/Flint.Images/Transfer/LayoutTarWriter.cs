using System.Formats.Tar;
using Flint.Images.Oci;

namespace Flint.Images.Transfer;

/// <summary>
/// Writes an image as the tar stream a gateway's upload endpoint takes: <c>oci-layout</c>,
/// <c>index.json</c> and the blobs the image is made of (manifest, config, layers), nothing else.
/// </summary>
public static class LayoutTarWriter
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static async Task WriteAsync(FunctionImage image, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var layout = image.LayoutDirectory;
        var (manifest, content, _) = OciLayoutReader.Read(layout);
        await using var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        await AddAsync(writer, Path.Combine(layout, "oci-layout"), LayoutTarNames.LayoutFile, cancellationToken).ConfigureAwait(false);
        await AddAsync(writer, Path.Combine(layout, "index.json"), LayoutTarNames.IndexFile, cancellationToken).ConfigureAwait(false);
        foreach (var blob in new[] { manifest, content.Config }.Concat(content.Layers))
        {
            await AddAsync(writer, OciLayoutReader.VerifiedBlobPath(layout, blob), LayoutTarNames.Blob(blob.Digest), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task AddAsync(TarWriter writer, string path, string name, CancellationToken cancellationToken)
    {
        var content = File.OpenRead(path);
        await using (content.ConfigureAwait(false))
        {
            var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
            {
                Mode = FileMode,
                ModificationTime = DateTimeOffset.UnixEpoch,
                DataStream = content,
            };
            await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }
}
