using Flint.Images;
using Flint.Testing;

namespace Flint.Cli.Tests.Commands;

/// <summary><c>flint deploy --image DIR</c> uploads the image: the gateway never reads the client's path.</summary>
public sealed class DeployUploadTests
{
    [Fact]
    public async Task Deploy_RelativeImageFromAnotherDirectory_IsUploadedAndServes()
    {
        var image = await ReferenceFunctions.HelloAsync();
        using var data = new TempDirectory("flint-cli");
        await using var gateway = await FlintUp.StartAsync(FlintProcess.StartInfo("up", "--port", "0", "--data", data.Path));
        var deploy = FlintProcess.StartInfo("deploy", "hello", "--image", Path.GetFileName(image), "--gateway", gateway.Url);
        deploy.WorkingDirectory = Path.GetDirectoryName(image)!;

        var deployed = await FlintProcess.RunAsync(deploy);
        var invoked = await FlintProcess.RunAsync("invoke", "hello", "--gateway", gateway.Url);

        Assert.True(deployed.ExitCode == 0, deployed.Stderr);
        Assert.Equal("Hello from Flint!\n", invoked.Stdout);
        Assert.True(Directory.Exists(Path.Combine(data.Path, "images", FunctionImage.Load(image).ManifestDigest[7..])));
    }

    [Fact]
    public async Task Deploy_AuthFunction_IsInvokedWithTheFoundTokenAndRefusedWithout()
    {
        var image = await ReferenceFunctions.HelloAsync();
        using var data = new TempDirectory("flint-cli");
        using var otherConfig = new TempDirectory("flint-cli-config");
        await using var gateway = await FlintUp.StartAsync(FlintProcess.StartInfo("up", "--port", "0", "--data", data.Path));
        var anonymous = FlintProcess.StartInfo("invoke", "guarded", "--gateway", gateway.Url);
        anonymous.Environment["XDG_CONFIG_HOME"] = otherConfig.Path;

        var deployed = await FlintProcess.RunAsync("deploy", "guarded", "--image", image, "--auth", "--gateway", gateway.Url);
        var invoked = await FlintProcess.RunAsync("invoke", "guarded", "--gateway", gateway.Url);
        var refused = await FlintProcess.RunAsync(anonymous);

        Assert.True(deployed.ExitCode == 0, deployed.Stderr);
        Assert.Equal("Hello from Flint!\n", invoked.Stdout);
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("flint: 401", refused.Stderr, StringComparison.Ordinal);
    }
}
