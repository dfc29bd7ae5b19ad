using Flint.Images.Transfer;
using Flint.Testing;

namespace Flint.Images.Tests.Transfer;

/// <summary>The copy is what is checked; a source that lies about a blob or links elsewhere is refused.</summary>
public class LayoutCopierTests
{
    [Fact]
    public async Task Copy_HelloLayout_GivesALayoutWithTheSameManifest()
    {
        var hello = FunctionImage.Load(await ReferenceFunctions.HelloAsync());
        using var target = new TempDirectory();

        var digest = LayoutCopier.Copy(hello.LayoutDirectory, target.Path);

        Assert.Equal(hello.ManifestDigest, digest);
        Assert.Equal(hello.ManifestDigest, FunctionImage.Load(target.Path).ManifestDigest);
    }

    [Fact]
    public async Task Copy_LayerChangedOnDisk_IsRefusedNamingTheBlob()
    {
        using var source = await CopyOfHelloAsync();
        var image = FunctionImage.Load(source.Path);
        var layer = Path.Combine(source.Path, LayoutTarNames.Blob(image.Layer.Digest));
        var bytes = File.ReadAllBytes(layer);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(layer, bytes);
        using var target = new TempDirectory();

        var error = Assert.Throws<ImageException>(() => LayoutCopier.Copy(source.Path, target.Path));

        Assert.Contains($"blob {image.Layer.Digest} does not match its content", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_BlobThatIsASymbolicLink_IsRefused()
    {
        using var source = await CopyOfHelloAsync();
        var image = FunctionImage.Load(source.Path);
        var layer = Path.Combine(source.Path, LayoutTarNames.Blob(image.Layer.Digest));
        var elsewhere = Path.Combine(source.Path, "elsewhere");
        File.Move(layer, elsewhere);
        File.CreateSymbolicLink(layer, elsewhere);
        using var target = new TempDirectory();

        var error = Assert.Throws<ImageException>(() => LayoutCopier.Copy(source.Path, target.Path));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    private static async Task<TempDirectory> CopyOfHelloAsync()
    {
        var from = FunctionImage.Load(await ReferenceFunctions.HelloAsync()).LayoutDirectory;
        var copy = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(copy.Path, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return copy;
    }
}
