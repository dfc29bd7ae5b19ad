using Flint.Oci.Cli;

namespace Flint.Oci.Tests.Cli;

public sealed class ParsedArgumentsTests
{
    [Fact]
    public void Parse_RuncSpellings_ReadsValuesSwitchesAndPositionals()
    {
        var parsed = ParsedArguments.Parse(["--bundle", "/b", "-pid-file=/p", "--no-pivot", "c1"], ["bundle", "pid-file"], ["no-pivot"]);

        Assert.Equal("/b", parsed.Value("bundle"));
        Assert.Equal("/p", parsed.Value("pid-file"));
        Assert.True(parsed.Has("no-pivot"));
        Assert.Equal(["c1"], parsed.Positionals);
    }

    [Fact]
    public void Parse_GlobalOptions_StopAtTheCommand()
    {
        var parsed = ParsedArguments.Parse(["--root", "/r", "kill", "--all", "c1", "9"], ["root"], [], stopAtPositional: true);

        Assert.Equal("/r", parsed.Value("root"));
        Assert.Equal(["kill", "--all", "c1", "9"], parsed.Positionals);
    }

    [Fact]
    public void Parse_UnknownFlag_IsRefusedByName()
    {
        var error = Assert.Throws<OciException>(() => ParsedArguments.Parse(["--bogus", "c1"], [], []));

        Assert.Contains("-bogus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValueFlagWithoutValue_IsRefused()
    {
        var error = Assert.Throws<OciException>(() => ParsedArguments.Parse(["--bundle"], ["bundle"], []));

        Assert.Contains("--bundle needs a value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_Missing_NamesTheCommand()
    {
        var error = Assert.Throws<OciException>(() => ParsedArguments.Parse([], [], []).Id("start"));

        Assert.Equal("\"start\" requires a container id", error.Message);
    }
}
