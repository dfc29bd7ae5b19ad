using Flint.Bench.ColdStart;

namespace Flint.Bench.Tests.ColdStart;

public sealed class PhaseHeaderTests
{
    [Fact]
    public void Parse_GatewayHeader_AllPhasesInOrder()
    {
        var phases = PhaseHeader.Parse("acquire=0.01;create=0.02;launched=1.2;ready=3.4;forward=3.5;response=4.1");

        Assert.Equal(["acquire", "create", "launched", "ready", "forward", "response"], phases.Select(p => p.Name));
        Assert.Equal(3.4, phases.Single(p => p.Name == "ready").Milliseconds);
    }

    [Fact]
    public void Parse_MillisecondSuffix_Accepted()
    {
        var phases = PhaseHeader.Parse("create=0.012ms;launched=0.9ms;ready=4.1 ms");

        Assert.Equal([new PhaseOffset("create", 0.012), new PhaseOffset("launched", 0.9), new PhaseOffset("ready", 4.1)], phases);
    }

    [Fact]
    public void Parse_UnknownNamesAndSpaces_Accepted()
    {
        var phases = PhaseHeader.Parse(" bundle = 2 ; snapshot-restore=1e-1 ;");

        Assert.Equal([new PhaseOffset("bundle", 2), new PhaseOffset("snapshot-restore", 0.1)], phases);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(";;")]
    public void Parse_MissingOrEmpty_NoPhases(string? header)
    {
        Assert.Empty(PhaseHeader.Parse(header));
    }

    [Fact]
    public void Parse_MalformedPairs_SkippedAndTheRestKept()
    {
        var phases = PhaseHeader.Parse("ready;=3;create=abc;launched=1,5;forward=NaN;acquire=2s;response=4.1;response=9");

        Assert.Equal([new PhaseOffset("response", 4.1)], phases);
    }
}
