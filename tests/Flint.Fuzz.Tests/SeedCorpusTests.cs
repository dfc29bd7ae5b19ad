using Flint.Images;
using Flint.Images.Oci;
using Flint.Images.Transfer;
using Flint.Testing;
using Flint.Vm.Loader;

namespace Flint.Fuzz.Tests;

/// <summary>The valid seeds are valid: the fuzzer starts from inputs that reach the end of each parser.</summary>
public sealed class SeedCorpusTests
{
    [Theory]
    [InlineData("static.elf", false)]
    [InlineData("static-pie.elf", true)]
    public void ElfSeed_Valid_Parses(string seed, bool positionIndependent)
    {
        var elf = ElfFile.Parse(Seed("elf", seed));

        Assert.Equal(positionIndependent, elf.IsPositionIndependent);
        Assert.NotEmpty(elf.Segments);
    }

    [Fact]
    public async Task LayoutSeed_Image_LoadsWithACheckedLayer()
    {
        using var upload = new TempDirectory("flint-fuzz");
        using var body = new MemoryStream(Seed("layout", "image.tar"));

        await LayoutTarReader.ExtractAsync(body, upload.Path, TestContext.Current.CancellationToken);
        var image = FunctionImage.Load(upload.Path);
        image.CheckLayer();

        Assert.Equal(["/app"], image.Entrypoint);
    }

    [Fact]
    public void LayerSeed_OneFile_PassesTheCheck()
    {
        LayerExtractor.Check(Path.Combine(FuzzInputs.Root, "fuzz", "corpus", "layer", "one-file.tar.gz"));
    }

    private static byte[] Seed(string target, string name) =>
        File.ReadAllBytes(Path.Combine(FuzzInputs.Root, "fuzz", "corpus", target, name));
}
