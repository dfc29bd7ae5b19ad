using System.Text.Json;
using Flint.Images.Build;
using Flint.Images.Oci;
using Flint.Testing;

namespace Flint.Images.Tests.Oci;

public class OciLayoutWriterTests
{
    private const string Program = "int main(void) { return 7; }\n";

    [Fact]
    public void Package_SameExecutableTwice_GivesTheSameDigest()
    {
        using var dir = new TempDirectory();
        var elf = StaticPrograms.Compile(dir, "fn", Program);
        var first = ImageBuilder.Package(elf, dir.Combine("a"));
        var second = ImageBuilder.Package(elf, dir.Combine("b"));
        Assert.Equal(first.Image.ManifestDigest, second.Image.ManifestDigest);
        Assert.Equal(first.Image.LayerDigest, second.Image.LayerDigest);
    }

    [Fact]
    public void Load_PackagedImage_ReadsEntrypointEnvAndDigest()
    {
        using var dir = new TempDirectory();
        var elf = StaticPrograms.Compile(dir, "fn", Program);
        var built = ImageBuilder.Package(elf, dir.Combine("out"));

        var image = FunctionImage.Load(built.OutputDirectory);

        Assert.Equal(built.Image.ManifestDigest, image.ManifestDigest);
        Assert.Equal(["/function"], image.Entrypoint);
        Assert.Contains("PORT=8080", image.Env);
        Assert.Equal(built.LayoutDirectory, image.LayoutDirectory);
        Assert.Equal(image.ManifestDigest, FunctionImage.Load(built.LayoutDirectory).ManifestDigest);
    }

    [Fact]
    public void UnpackRootfs_PackagedImage_HoldsTheSameBytesAtFunction()
    {
        using var dir = new TempDirectory();
        var elf = StaticPrograms.Compile(dir, "fn", Program);
        var image = FunctionImage.Load(ImageBuilder.Package(elf, dir.Combine("out")).OutputDirectory);

        var executable = image.ExecutablePath(dir.Combine("cache"));

        Assert.Equal(File.ReadAllBytes(elf), File.ReadAllBytes(executable));
        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal(7, Command.Run(executable).ExitCode);
        Assert.Equal(executable, image.ExecutablePath(dir.Combine("cache")));
    }

    [Fact]
    public void Load_CorruptLayer_IsDetectedOnUnpack()
    {
        using var dir = new TempDirectory();
        var elf = StaticPrograms.Compile(dir, "fn", Program);
        var built = ImageBuilder.Package(elf, dir.Combine("out"));
        var layer = Path.Combine(built.LayoutDirectory, "blobs", "sha256", Digest.Hex(built.Image.LayerDigest));
        var bytes = File.ReadAllBytes(layer);
        bytes[^10] ^= 0xff;
        File.WriteAllBytes(layer, bytes);

        var image = FunctionImage.Load(built.OutputDirectory);
        var error = Assert.Throws<ImageException>(() => image.UnpackRootfs(dir.Combine("cache")));

        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Combine("cache"), Digest.Hex(image.ManifestDigest))));
    }

    [Fact]
    public void Load_TamperedConfig_IsRejected()
    {
        using var dir = new TempDirectory();
        var elf = StaticPrograms.Compile(dir, "fn", Program);
        var built = ImageBuilder.Package(elf, dir.Combine("out"));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(built.LayoutDirectory, "blobs", "sha256", Digest.Hex(built.Image.ManifestDigest))));
        var configDigest = manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!;
        var configPath = Path.Combine(built.LayoutDirectory, "blobs", "sha256", Digest.Hex(configDigest));
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("/function", "/evil!!!", StringComparison.Ordinal));

        Assert.Throws<ImageException>(() => FunctionImage.Load(built.OutputDirectory));
    }

    [Theory]
    [InlineData("sha256:../../etc/passwd")]
    [InlineData("md5:abc")]
    [InlineData("sha256:ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    public void Hex_MalformedDigest_Throws(string digest)
    {
        Assert.Throws<ImageException>(() => Digest.Hex(digest));
    }

    [Fact]
    public void Load_MissingDirectory_NamesIt()
    {
        var error = Assert.Throws<ImageException>(() => FunctionImage.Load("/nonexistent/flint-image"));
        Assert.Contains("/nonexistent/flint-image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DirectoryWithoutLayout_SaysSo()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<ImageException>(() => FunctionImage.Load(dir.Path));
        Assert.Contains("oci-layout", error.Message, StringComparison.Ordinal);
    }
}
