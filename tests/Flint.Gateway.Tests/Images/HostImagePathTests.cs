using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flint.Testing;

namespace Flint.Gateway.Tests.Images;

/// <summary>
/// A deploy may name a host path only under the gateway's image roots, and what it names is copied
/// into the image store at once: later changes on disk never reach the deployed function.
/// </summary>
public sealed class HostImagePathTests : IAsyncLifetime
{
    private readonly TempDirectory _scratch = new("flint-gateway");
    private RunningGateway _gateway = null!;

    private string Allowed => _scratch.Combine("allowed");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Allowed);
        _gateway = await RunningGateway.StartAsync(_scratch.Combine("data"), options => options with { ImageRoots = [Allowed] });
    }

    [Fact]
    public async Task Deploy_PathOutsideTheRoots_Returns403NamingTheRule()
    {
        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Create("outside", await ReferenceFunctions.HelloAsync()), TestContext.Current.CancellationToken);
        var error = await ErrorBody.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("outside the directories it reads images from", error, StringComparison.Ordinal);
        Assert.Contains("POST /system/images", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_AnyPathWithoutRoots_Returns403SayingHowToAllowOne()
    {
        using var data = new TempDirectory("flint-gateway");
        await using var gateway = await RunningGateway.StartAsync(data.Path, options => options with { ImageRoots = [] });

        using var response = await gateway.Client.PostAsync("/system/functions", DeploySpec.Create("nowhere", await ReferenceFunctions.HelloAsync()), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("flint up --images DIR", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_SymlinkInsideTheRootsToOutside_Returns403()
    {
        var link = Path.Combine(Allowed, "sneaky");
        Directory.CreateSymbolicLink(link, await ReferenceFunctions.HelloAsync());

        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Create("sneaky", link), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Deploy_DotDotOutOfTheRoots_Returns403()
    {
        var hello = await ReferenceFunctions.HelloAsync();
        var climbing = Allowed + string.Concat(Enumerable.Repeat("/..", Allowed.Count(c => c == '/'))) + hello;

        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Create("climber", climbing), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Deploy_PathInsideTheRoots_IsCopiedSoLaterChangesDoNotReachTheFunction()
    {
        var copy = Path.Combine(Allowed, "hello");
        CopyDirectory(await ReferenceFunctions.HelloAsync(), copy);

        await _gateway.DeployAsync("copied", copy);
        Directory.Delete(copy, recursive: true);
        Directory.CreateDirectory(copy);
        var answer = await _gateway.Client.GetStringAsync("/function/copied/", TestContext.Current.CancellationToken);
        var function = await _gateway.Client.GetFromJsonAsync<JsonElement>("/system/functions/copied", TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Flint!\n", answer);
        Assert.StartsWith("sha256:", function.GetProperty("image").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build/hello", "neither an uploaded image")]
    [InlineData("library/hello:latest", "a registry reference with its registry")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000", "has not been uploaded")]
    [InlineData("sha256:../../etc", "not a sha256 digest")]
    public async Task Deploy_ImageThatIsNoStoredImageNorAbsolutePath_Returns400(string image, string expected)
    {
        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Create("bad", image), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _scratch.Dispose();
    }
}
