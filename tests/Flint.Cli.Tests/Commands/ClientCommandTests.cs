namespace Flint.Cli.Tests.Commands;

/// <summary>Bad input and an unreachable gateway give one clear line and exit code 1, never a stack trace.</summary>
public sealed class ClientCommandTests
{
    private const string Nowhere = "http://127.0.0.1:1";

    [Fact]
    public async Task Deploy_EnvWithoutEquals_NamesTheBadPair()
    {
        var (exit, _, stderr) = await FlintProcess.RunAsync("deploy", "fn", "--image", "/tmp", "--env", "NOEQUALS", "--gateway", Nowhere);

        Assert.Equal(1, exit);
        Assert.Equal("flint: --env 'NOEQUALS' is not K=V", stderr.Trim());
    }

    [Fact]
    public async Task Ls_GatewayDown_SaysHowToStartIt()
    {
        var (exit, _, stderr) = await FlintProcess.RunAsync("ls", "--gateway", Nowhere);

        Assert.Equal(1, exit);
        Assert.StartsWith($"flint: cannot reach the gateway at {Nowhere}/", stderr, StringComparison.Ordinal);
        Assert.Contains("flint up", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_MissingDirectory_NamesIt()
    {
        var (exit, _, stderr) = await FlintProcess.RunAsync("build", "/nonexistent/function");

        Assert.Equal(1, exit);
        Assert.Contains("'/nonexistent/function' does not exist", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("invoke")]
    [InlineData("bench")]
    [InlineData("vm")]
    public async Task Help_EveryVerb_DescribesItself(string verb)
    {
        var (exit, stdout, _) = await FlintProcess.RunAsync(verb, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.Contains(verb, stdout, StringComparison.Ordinal);
    }
}
