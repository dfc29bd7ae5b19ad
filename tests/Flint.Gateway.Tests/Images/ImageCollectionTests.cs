using System.Net;
using Flint.Gateway.Images;
using Flint.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Flint.Gateway.Tests.Images;

/// <summary>Pulled images go once no function uses them (on delete and update); uploaded ones stay.</summary>
public sealed class ImageCollectionTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    private ImageStore Store => _gateway.Services.GetRequiredService<ImageStore>();

    [Fact]
    public async Task Delete_LastFunctionOfAPulledImage_RemovesItAfterTheGrace()
    {
        HostRequirements.RequireCommand("skopeo", "skopeo");
        var hello = await ReferenceFunctions.HelloImageAsync();
        var reference = $"oci:{hello.LayoutDirectory}:hello";
        await _gateway.DeployAsync("first", reference);
        await _gateway.DeployAsync("second", reference);

        await DeleteAsync("first");
        var keptForTheOther = Store.Contains(hello.ManifestDigest);
        await DeleteAsync("second");
        var keptWithinTheGrace = Store.Contains(hello.ManifestDigest);
        await _gateway.DeployAsync("third", reference);
        _gateway.Time.Advance(ImageCollector.Grace);
        await DeleteAsync("third");

        Assert.True(keptForTheOther);
        Assert.True(keptWithinTheGrace);
        Assert.False(Store.Contains(hello.ManifestDigest));
        Assert.Empty(Store.Pulled());
    }

    [Fact]
    public async Task Update_ToAnotherImage_RemovesThePulledOneAndKeepsTheNewUploadedOne()
    {
        HostRequirements.RequireCommand("skopeo", "skopeo");
        var hello = await ReferenceFunctions.HelloImageAsync();
        var other = await NativeTestFunctions.AnswersHelloAsync();
        await _gateway.DeployAsync("updated", $"oci:{hello.LayoutDirectory}:hello");
        _gateway.Time.Advance(ImageCollector.Grace);

        await _gateway.DeployAsync("updated", other, update: true);
        using var response = await _gateway.Client.GetAsync("/function/updated/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(Store.Contains(hello.ManifestDigest));
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(_data.Path, ImageStore.FolderName)), d => !Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public async Task Delete_FunctionOfAnImageNotPulled_KeepsTheImage()
    {
        var hello = await ReferenceFunctions.HelloImageAsync();
        await _gateway.DeployHelloAsync("copied");
        _gateway.Time.Advance(ImageCollector.Grace);

        await DeleteAsync("copied");

        Assert.True(Store.Contains(hello.ManifestDigest));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }

    private async Task DeleteAsync(string name)
    {
        using var response = await _gateway.Client.DeleteAsync($"/system/functions/{name}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
