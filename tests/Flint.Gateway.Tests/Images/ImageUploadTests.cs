using System.Formats.Tar;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Flint.Images;
using Flint.Testing;

namespace Flint.Gateway.Tests.Images;

/// <summary>
/// <c>POST /system/images</c> stores an uploaded layout content-addressed after checking every blob;
/// anything that is not plainly an image layout is refused, and nothing lands outside the data directory.
/// </summary>
public sealed class ImageUploadTests : IAsyncLifetime
{
    private readonly TempDirectory _scratch = new("flint-gateway");
    private RunningGateway _gateway = null!;

    private string DataDirectory => _scratch.Combine("data");

    public async ValueTask InitializeAsync() =>
        _gateway = await RunningGateway.StartAsync(DataDirectory, options => options with { ImageRoots = [] });

    [Fact]
    public async Task Upload_HelloLayout_IsStoredAndDeployableByDigestAcrossARestart()
    {
        var hello = await ReferenceFunctions.HelloAsync();

        using var uploaded = await _gateway.Client.PostAsync("/system/images", LayoutTar.Body(await LayoutTar.OfAsync(hello)), TestContext.Current.CancellationToken);
        var digest = (await uploaded.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("image").GetString()!;
        await _gateway.DeployAsync("hello", digest);
        var first = await _gateway.Client.GetStringAsync("/function/hello/", TestContext.Current.CancellationToken);
        var token = _gateway.Token;
        await _gateway.DisposeAsync();
        _gateway = await RunningGateway.StartAsync(DataDirectory, options => options with { ImageRoots = [], AdminToken = token });
        var afterRestart = await _gateway.Client.GetStringAsync("/function/hello/", TestContext.Current.CancellationToken);
        var listed = await _gateway.Client.GetFromJsonAsync<JsonElement>("/system/functions/hello", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(FunctionImage.Load(hello).ManifestDigest, digest);
        Assert.Equal("Hello from Flint!\n", first);
        Assert.Equal("Hello from Flint!\n", afterRestart);
        Assert.Equal(digest, listed.GetProperty("image").GetString());
        Assert.True(File.Exists(Path.Combine(DataDirectory, "images", digest[7..], "oci-layout")));
    }

    [Fact]
    public async Task Upload_BlobWhoseContentIsNotItsDigest_Returns400NamingTheBlob()
    {
        var claimed = "sha256:" + new string('a', 64);
        var tar = LayoutTar.Of(
            LayoutTar.File("oci-layout", Encoding.UTF8.GetBytes("""{"imageLayoutVersion":"1.0.0"}""")),
            LayoutTar.File($"blobs/sha256/{claimed[7..]}", Encoding.UTF8.GetBytes("not what the name says")));

        using var response = await _gateway.Client.PostAsync("/system/images", LayoutTar.Body(tar), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"blob {claimed} does not match its content", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
        AssertNothingLeftBehind();
    }

    [Fact]
    public async Task Upload_ManifestDescriptorWithWrongSize_Returns400NamingTheBlob()
    {
        var hello = FunctionImage.Load(await ReferenceFunctions.HelloAsync());
        var index = await File.ReadAllTextAsync(Path.Combine(hello.LayoutDirectory, "index.json"), TestContext.Current.CancellationToken);
        var manifest = await File.ReadAllBytesAsync(Path.Combine(hello.LayoutDirectory, "blobs", "sha256", hello.ManifestDigest[7..]), TestContext.Current.CancellationToken);
        var lying = index.Replace($"\"size\":{manifest.Length}", $"\"size\":{manifest.Length + 1}", StringComparison.Ordinal);
        var tar = LayoutTar.Of(
            LayoutTar.File("oci-layout", Encoding.UTF8.GetBytes("""{"imageLayoutVersion":"1.0.0"}""")),
            LayoutTar.File("index.json", Encoding.UTF8.GetBytes(lying)),
            LayoutTar.File($"blobs/sha256/{hello.ManifestDigest[7..]}", manifest));

        using var response = await _gateway.Client.PostAsync("/system/images", LayoutTar.Body(tar), TestContext.Current.CancellationToken);

        Assert.NotEqual(index, lying);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"blob {hello.ManifestDigest}", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Upload_LargerThanTheLimit_Returns413(bool declaresItsLength)
    {
        using var scratch = new TempDirectory("flint-gateway");
        await using var gateway = await RunningGateway.StartAsync(scratch.Path, options => options with { MaxImageUploadBytes = 64 * 1024 });
        var tar = await LayoutTar.OfAsync(await ReferenceFunctions.HelloAsync());
        HttpContent body = declaresItsLength ? LayoutTar.Body(tar) : new StreamContent(new UnknownLengthStream(tar));

        using var response = await gateway.Client.PostAsync("/system/images", body, TestContext.Current.CancellationToken);

        Assert.True(tar.Length > 64 * 1024);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the gateway accepts", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> HostileEntries() => new()
    {
        { "dot-dot", "has a '..' segment" },
        { "absolute", "is an absolute path" },
        { "symlink", "is a link" },
        { "hardlink", "is a link" },
        { "char-device", "is a device or fifo" },
        { "block-device", "is a device or fifo" },
        { "fifo", "is a device or fifo" },
        { "stranger", "is not part of an OCI image layout" },
    };

    [Theory]
    [MemberData(nameof(HostileEntries))]
    public async Task Upload_HostileTarEntry_Returns400AndWritesNothingOutside(string kind, string expected)
    {
        var escape = $"escape-{Guid.NewGuid():N}";
        TarEntry entry = kind switch
        {
            "dot-dot" => LayoutTar.File($"blobs/../../../../../{escape}", [1]),
            "absolute" => LayoutTar.File(Path.Combine(_scratch.Path, escape), [1]),
            "symlink" => new PaxTarEntry(TarEntryType.SymbolicLink, "index.json") { LinkName = "/etc/passwd" },
            "hardlink" => new PaxTarEntry(TarEntryType.HardLink, "index.json") { LinkName = "/etc/passwd" },
            "char-device" => new PaxTarEntry(TarEntryType.CharacterDevice, "oci-layout") { DeviceMajor = 1, DeviceMinor = 3 },
            "block-device" => new PaxTarEntry(TarEntryType.BlockDevice, "oci-layout") { DeviceMajor = 7, DeviceMinor = 0 },
            "fifo" => new PaxTarEntry(TarEntryType.Fifo, "oci-layout"),
            _ => LayoutTar.File("etc/cron.d/job", [1]),
        };
        var tar = LayoutTar.Of(LayoutTar.File("oci-layout", [1]), entry);

        using var response = await _gateway.Client.PostAsync("/system/images", LayoutTar.Body(tar), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
        Assert.Equal([DataDirectory], Directory.GetFileSystemEntries(_scratch.Path));
        Assert.Empty(Directory.GetFiles(DataDirectory, escape, SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), escape)));
        AssertNothingLeftBehind();
    }

    public static TheoryData<string, string> BrokenLayers() => new()
    {
        { "not-gzip", "not a complete gzip-compressed tar" },
        { "cut-short", "not a complete gzip-compressed tar" },
        { "too-many-entries", $"{Flint.Images.Oci.LayerExtractor.MaxEntries} entries" },
        { "link", "unsupported type SymbolicLink" },
    };

    [Theory]
    [MemberData(nameof(BrokenLayers))]
    public async Task Upload_LayoutWhoseLayerIsBroken_Returns400NamingItAndStoresNothing(string kind, string expected)
    {
        var hello = FunctionImage.Load(await ReferenceFunctions.HelloAsync());
        var good = await File.ReadAllBytesAsync(Path.Combine(hello.LayoutDirectory, "blobs", "sha256", hello.Layer.Digest[7..]), TestContext.Current.CancellationToken);
        var layer = kind switch
        {
            "not-gzip" => Encoding.UTF8.GetBytes(new string('x', 4096)),
            "cut-short" => good[..(good.Length / 2)],
            "too-many-entries" => GzipTar([.. Enumerable.Range(0, Flint.Images.Oci.LayerExtractor.MaxEntries + 1).Select(i => (TarEntry)new PaxTarEntry(TarEntryType.Directory, $"d{i}"))]),
            _ => GzipTar(new PaxTarEntry(TarEntryType.SymbolicLink, "hello") { LinkName = "/etc/shadow" }),
        };

        using var response = await _gateway.Client.PostAsync("/system/images", LayoutTar.Body(LayoutTar.WithLayer(hello, layer)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
        AssertNothingLeftBehind();
    }

    [Fact]
    public async Task Upload_NotATar_Returns400()
    {
        using var response = await _gateway.Client.PostAsync("/system/images", LayoutTar.Body(Encoding.UTF8.GetBytes(new string('x', 2000))), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("image upload refused", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    private static byte[] GzipTar(params TarEntry[] entries)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(LayoutTar.Of(entries));
        }

        return output.ToArray();
    }

    /// <summary>A refused upload leaves no files in the store: neither an image nor its staging.</summary>
    private void AssertNothingLeftBehind()
    {
        var images = Path.Combine(DataDirectory, "images");
        Assert.Empty(Directory.GetFiles(images, "*", SearchOption.AllDirectories));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _scratch.Dispose();
    }

    /// <summary>A body sent chunked, so only the gateway's counting can stop it.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
