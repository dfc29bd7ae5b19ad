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

    [Fact]
    public void CheckAndExtract_EntryDeclaringMoreThanTheLimit_AreRefusedBeforeAnyDataIsRead()
    {
        using var dir = new TempDirectory();

        // A bomb's header: one file claiming 600 MiB, its data never written (the layer ends after it).
        var header = UstarHeader("bomb", LayerExtractor.MaxUnpackedBytes + (88L << 20));
        var layer = dir.Combine("bomb.tar.gz");
        File.WriteAllBytes(layer, Gzip(header));

        var checkError = Assert.Throws<ImageException>(() => LayerExtractor.Check(layer));
        var extractError = Assert.Throws<ImageException>(() => LayerExtractor.Extract(layer, dir.Combine("root")));

        Assert.Contains($"more than {LayerExtractor.MaxUnpackedBytes} bytes", checkError.Message, StringComparison.Ordinal);
        Assert.Equal(checkError.Message, extractError.Message);
        Assert.False(File.Exists(dir.Combine("root", "bomb")));
    }

    [Fact]
    public void Check_MoreEntriesThanTheLimit_IsRefused()
    {
        using var dir = new TempDirectory();
        var entries = Enumerable.Range(0, LayerExtractor.MaxEntries + 1).Select(i => (TarEntry)new UstarTarEntry(TarEntryType.Directory, $"d{i}"));
        var layer = WriteLayer(dir, [.. entries]);

        var error = Assert.Throws<ImageException>(() => LayerExtractor.Check(layer));

        Assert.Contains($"{LayerExtractor.MaxEntries} entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NotGzip_IsRefusedAsSuch()
    {
        using var dir = new TempDirectory();
        var layer = dir.Combine("plain.tar");
        File.WriteAllBytes(layer, UstarHeader("file", 0));

        var error = Assert.Throws<ImageException>(() => LayerExtractor.Check(layer));

        Assert.Contains("not a complete gzip-compressed tar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckAndExtract_LayerCutShort_AreRefusedAsSuch()
    {
        using var dir = new TempDirectory();
        var whole = WriteLayer(dir, new UstarTarEntry(TarEntryType.RegularFile, "app") { DataStream = new MemoryStream(new byte[64 * 1024]) });
        var bytes = File.ReadAllBytes(whole);
        var layer = dir.Combine("short.tar.gz");
        File.WriteAllBytes(layer, bytes[..(bytes.Length / 2)]);

        var checkError = Assert.Throws<ImageException>(() => LayerExtractor.Check(layer));
        var extractError = Assert.Throws<ImageException>(() => LayerExtractor.Extract(layer, dir.Combine("root")));

        Assert.Contains("not a complete gzip-compressed tar", checkError.Message, StringComparison.Ordinal);
        Assert.Contains("not a complete gzip-compressed tar", extractError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WellFormedLayer_PassesAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var layer = WriteLayer(dir, new UstarTarEntry(TarEntryType.Directory, "bin"), new UstarTarEntry(TarEntryType.RegularFile, "bin/app") { DataStream = new MemoryStream([1, 2, 3]) });

        LayerExtractor.Check(layer);

        Assert.Equal([layer], Directory.GetFileSystemEntries(dir.Path));
    }

    private static string WriteLayer(TempDirectory dir, params TarEntry[] entries)
    {
        var path = dir.Combine("layer.tar.gz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Ustar);
        foreach (var entry in entries)
        {
            writer.WriteEntry(entry);
        }

        return path;
    }

    /// <summary>One 512-byte ustar header for a regular file of the given declared size, checksum filled in.</summary>
    private static byte[] UstarHeader(string name, long size)
    {
        var header = new byte[512];
        void Put(int offset, string text) => System.Text.Encoding.ASCII.GetBytes(text).CopyTo(header, offset);
        Put(0, name);
        Put(100, "0000644\0");
        Put(108, "0000000\0");
        Put(116, "0000000\0");
        Put(124, Convert.ToString(size, 8).PadLeft(11, '0') + "\0");
        Put(136, "00000000000\0");
        Put(148, "        ");
        header[156] = (byte)'0';
        Put(257, "ustar\0");
        Put(263, "00");
        var checksum = header.Sum(b => b);
        Put(148, Convert.ToString(checksum, 8).PadLeft(6, '0') + "\0 ");
        return header;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }
}
