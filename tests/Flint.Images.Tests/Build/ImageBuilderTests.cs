using System.Text.Json;
using Flint.Testing;

namespace Flint.Images.Tests.Build;

/// <summary>The reference function's image must be accepted by the real OCI tools.</summary>
public class ImageBuilderTests
{
    [Fact]
    public async Task BuildAsync_Hello_SkopeoInspectShowsDigestAndEntrypoint()
    {
        HostRequirements.RequireCommand("skopeo", "skopeo");
        var image = await ReferenceFunctions.HelloImageAsync();

        var (exit, stdout, stderr) = Command.Run("skopeo", "inspect", $"oci:{image.LayoutDirectory}:hello");
        Assert.True(exit == 0, stderr);
        using var inspect = JsonDocument.Parse(stdout);
        Assert.Equal(image.ManifestDigest, inspect.RootElement.GetProperty("Digest").GetString());
        Assert.Equal("amd64", inspect.RootElement.GetProperty("Architecture").GetString());

        (exit, stdout, stderr) = Command.Run("skopeo", "inspect", "--config", $"oci:{image.LayoutDirectory}:hello");
        Assert.True(exit == 0, stderr);
        using var config = JsonDocument.Parse(stdout);
        var entrypoint = config.RootElement.GetProperty("config").GetProperty("Entrypoint");
        Assert.Equal(["/function"], entrypoint.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task BuildAsync_Hello_UmociUnpacksARunnableBundle()
    {
        HostRequirements.RequireCommand("umoci", "umoci");
        HostRequirements.RequireRoot();
        var image = await ReferenceFunctions.HelloImageAsync();
        using var dir = new TempDirectory();
        var bundle = dir.Combine("bundle");

        var (exit, _, stderr) = Command.Run("umoci", "unpack", "--image", $"{image.LayoutDirectory}:hello", bundle);

        Assert.True(exit == 0, stderr);
        var function = Path.Combine(bundle, "rootfs", "function");
        Assert.Equal(File.ReadAllBytes(image.ExecutablePath(dir.Combine("cache"))), File.ReadAllBytes(function));
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "config.json")));
        var args = config.RootElement.GetProperty("process").GetProperty("args").EnumerateArray().Select(a => a.GetString());
        Assert.Equal(["/function"], args);
    }

    [Fact]
    public async Task BuildAsync_DirectoryWithoutProject_Throws()
    {
        using var dir = new TempDirectory();
        var error = await Assert.ThrowsAsync<ImageException>(
            () => Flint.Images.Build.ImageBuilder.BuildAsync(dir.Path, dir.Combine("out"), TextWriter.Null, CancellationToken.None));
        Assert.Contains(".csproj", error.Message, StringComparison.Ordinal);
    }
}
