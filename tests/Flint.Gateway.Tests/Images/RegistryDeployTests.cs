using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flint.Gateway.Tests.Endpoints.OpenFaas;
using Flint.Images.Registry;
using Flint.Testing;

namespace Flint.Gateway.Tests.Images;

/// <summary>Deploys by reference from a real registry on 127.0.0.1 (Debian's docker-registry), pulled with skopeo.</summary>
public sealed class RegistryDeployTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Fact]
    public async Task Deploy_TagInALocalRegistry_PullsTheImageByDigestAndAnswers()
    {
        await using var registry = await LocalRegistry.StartAsync();
        var hello = await ReferenceFunctions.HelloImageAsync();
        await PushAsync(hello.LayoutDirectory, $"{registry.Host}/hello:latest");

        await _gateway.DeployAsync("pulled", $"{registry.Host}/hello:latest");
        using var response = await _gateway.Client.GetAsync("/function/pulled/", TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Flint!\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(hello.ManifestDigest, await ImageOfAsync("pulled"));
    }

    [Fact]
    public async Task Deploy_PinnedReferenceAlreadyPulled_NeedsNoRegistry()
    {
        var hello = await ReferenceFunctions.HelloImageAsync();
        string host;
        await using (var registry = await LocalRegistry.StartAsync())
        {
            host = registry.Host;
            await PushAsync(hello.LayoutDirectory, $"{host}/hello:v1");
            await _gateway.DeployAsync("first", $"{host}/hello:v1");
        }

        await _gateway.DeployAsync("second", $"{host}/hello@{hello.ManifestDigest}");
        using var response = await _gateway.Client.GetAsync("/function/second/", TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Flint!\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Deploy_TagTheRegistryLacks_Returns502WithSkopeosReason()
    {
        await using var registry = await LocalRegistry.StartAsync();

        using var response = await _gateway.Client.PostAsync(
            "/system/functions", DeploySpec.Create("missing", $"{registry.Host}/nothing:here"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains($"image '{registry.Host}/nothing:here' could not be pulled: skopeo inspect failed", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_OpenFaasShapedByReference_PullsAndAnswers()
    {
        await using var registry = await LocalRegistry.StartAsync();
        var hello = await ReferenceFunctions.HelloImageAsync();
        await PushAsync(hello.LayoutDirectory, $"{registry.Host}/functions/hello:latest");
        using var faas = OpenFaasClient.For(_gateway);

        using var deployed = await faas.PostAsync(
            "/system/functions", OpenFaasClient.Deployment("faas-pulled", $"{registry.Host}/functions/hello:latest"), TestContext.Current.CancellationToken);
        using var response = await faas.GetAsync("/function/faas-pulled", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, deployed.StatusCode);
        Assert.Equal("Hello from Flint!\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }

    private static async Task PushAsync(string layout, string reference)
    {
        Assert.True(ImageReference.TryParse(reference, out var parsed));
        await Skopeo.PushAsync(layout, parsed, TestContext.Current.CancellationToken);
    }

    private async Task<string?> ImageOfAsync(string function) =>
        (await _gateway.Client.GetFromJsonAsync<JsonElement>($"/system/functions/{function}", TestContext.Current.CancellationToken)).GetProperty("image").GetString();
}
