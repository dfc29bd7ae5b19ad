using Flint.Testing;

namespace Flint.Cli.Tests.Commands;

/// <summary>
/// The short soak: 200 single-use cold starts on each runtime the host has (process, crun, runc, vm)
/// through a gateway <c>flint soak</c> hosts, and nothing the gateway or its instances hold grows
/// beyond its bound. The 10,000-start run is <c>scripts/soak.sh</c>.
/// </summary>
public sealed class SoakCommandTests
{
    [Fact]
    public async Task Soak_200ColdStartsPerRuntime_NothingGrowsBeyondItsBound()
    {
        var image = await NativeTestFunctions.AnswersHelloAsync();

        var (exitCode, stdout, stderr) = await FlintProcess.RunAsync("soak", "--image", image, "--starts", "200");

        Assert.True(exitCode == 0, $"flint soak exited {exitCode}:\n{stdout}\n{stderr}");
        Assert.Contains("process: 200 cold starts", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Soak_RuntimeAskedForIsMissing_ExitsOneNamingIt()
    {
        var image = await NativeTestFunctions.AnswersHelloAsync();

        var (exitCode, stdout, _) = await FlintProcess.RunAsync("soak", "--image", image, "--starts", "1", "--runtime", "no-such-runtime");

        Assert.Equal(1, exitCode);
        Assert.Contains("no-such-runtime: not soaked: not offered by the gateway", stdout, StringComparison.Ordinal);
    }
}
