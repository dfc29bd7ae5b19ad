using System.Formats.Tar;
using System.IO.Compression;
using Flint.Images.Oci;
using Flint.Testing;

namespace Flint.Images.Tests.Oci;

public class LayerExtractorTests
{
    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    public void Extract_EntryOutsideRoot_IsRefused(string name)
    {
        using var dir = new TempDirectory();
        var layer = WriteLayer(dir, new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream([1, 2, 3]) });

        Assert.Throws<ImageException>(() => LayerExtractor.Extract(layer, dir.Combine("root")));
        Assert.False(File.Exists(dir.Combine("escape")));
    }

    [Fact]
    public void Extract_SymbolicLink_IsRefused()
    {
        using var dir = new TempDirectory();
        var layer = WriteLayer(dir, new UstarTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = "/etc/passwd" });

        var error = Assert.Throws<ImageException>(() => LayerExtractor.Extract(layer, dir.Combine("root")));
        Assert.Contains("unsupported type", error.Message, StringComparison.Ordinal);
    }

    private static string WriteLayer(TempDirectory dir, TarEntry entry)
    {
        var path = dir.Combine("layer.tar.gz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Ustar);
        writer.WriteEntry(entry);
        return path;
    }
}
