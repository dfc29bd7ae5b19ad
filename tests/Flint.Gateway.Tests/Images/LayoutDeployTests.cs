using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flint.Testing;

namespace Flint.Gateway.Tests.Images;

/// <summary>Deploys by tag from an OCI layout on the gateway's host (<c>oci:/path:tag</c>), copied into the store with skopeo.</summary>
public sealed class LayoutDeployTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Fact]
    public async Task Deploy_TagInALayoutUnderAnImageRoot_StoresThatImageAndAnswers()
    {
        HostRequirements.RequireCommand("skopeo", "skopeo");
        var hello = await ReferenceFunctions.HelloImageAsync();

        await _gateway.DeployAsync("from-layout", $"oci:{hello.LayoutDirectory}:hello");
        using var response = await _gateway.Client.GetAsync("/function/from-layout/", TestContext.Current.CancellationToken);
        var function = await _gateway.Client.GetFromJsonAsync<JsonElement>("/system/functions/from-layout", TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Flint!\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(hello.ManifestDigest, function.GetProperty("image").GetString());
    }

    [Fact]
    public async Task Deploy_TagTheLayoutLacks_Returns400WithSkopeosReason()
    {
        HostRequirements.RequireCommand("skopeo", "skopeo");
        var hello = await ReferenceFunctions.HelloImageAsync();

        using var response = await _gateway.Client.PostAsync(
            "/system/functions", DeploySpec.Create("no-tag", $"oci:{hello.LayoutDirectory}:nothing"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"image 'oci:{hello.LayoutDirectory}:nothing' could not be read: skopeo copy failed", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oci:relative/layout:tag")]
    [InlineData("oci:/layout")]
    [InlineData("oci:/layout:bad tag")]
    public async Task Deploy_MalformedLayoutReference_Returns400(string image)
    {
        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Create("malformed", image), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not oci:<absolute path of an OCI layout>:<tag>", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_LayoutOutsideTheImageRoots_Returns403()
    {
        using var root = new TempDirectory("flint-image-root");
        using var data = new TempDirectory("flint-gateway");
        await using var gateway = await RunningGateway.StartAsync(data.Path, o => o with { ImageRoots = [root.Path] });
        var hello = await ReferenceFunctions.HelloImageAsync();

        using var response = await gateway.Client.PostAsync(
            "/system/functions", DeploySpec.Create("outside", $"oci:{hello.LayoutDirectory}:hello"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
