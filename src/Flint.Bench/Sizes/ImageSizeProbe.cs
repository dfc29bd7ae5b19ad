using System.IO.Compression;
using Flint.Bench.Host;
using Flint.Images;
using Flint.Images.Oci;

namespace Flint.Bench.Sizes;

/// <summary>Measures a function image from its OCI layout: layer sizes from the blob, rootfs and executable from an unpacked copy.</summary>
public static class ImageSizeProbe
{
    public static ImageSizes Measure(FunctionImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var blob = OciLayoutReader.VerifiedBlobPath(image.LayoutDirectory, image.Layer);
        var uncompressed = UncompressedLength(blob);
        var cache = Directory.CreateTempSubdirectory("flint-bench-rootfs-").FullName;
        try
        {
            var rootfs = image.UnpackRootfs(cache);
            var executable = DiskUsage.OfFile(image.ExecutablePath(cache));
            return new ImageSizes(executable, image.Layer.Size, uncompressed, DiskUsage.OfDirectory(rootfs));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static long UncompressedLength(string gzipBlob)
    {
        using var file = File.OpenRead(gzipBlob);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }
}
