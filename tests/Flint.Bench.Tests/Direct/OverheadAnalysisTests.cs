using Flint.Bench.Direct;
using Flint.Bench.Tests.Fakes;

namespace Flint.Bench.Tests.Direct;

public sealed class OverheadAnalysisTests
{
    [Fact]
    public void Summarize_DirectAndThroughFlint_OverheadIsDifferenceAndRatioOfMedians()
    {
        var direct = new[] { Samples.Ok("crun", 10), Samples.Ok("crun", 20), Samples.Ok("crun", 30), Samples.Failed("crun"), Samples.Ok("process", 4) };
        var flint = new[] { Samples.Ok("crun", 22), Samples.Ok("crun", 24), Samples.Ok("crun", 26), Samples.Ok("process", 5), Samples.Ok("vm", 3) };

        var summaries = OverheadAnalysis.Summarize(direct, flint, new Dictionary<string, string> { ["crun"] = "crun run" });

        var crun = Assert.Single(summaries, s => s.Runtime == "crun");
        Assert.Equal("crun run", crun.Command);
        Assert.Equal(20, crun.Direct!.Median);
        Assert.Equal(1, crun.DirectFailures);
        Assert.Equal(24, crun.ThroughFlint!.Median);
        Assert.Equal(4, crun.OverheadMilliseconds!.Value, 9);
        Assert.Equal(1.2, crun.Ratio!.Value, 9);
        var process = Assert.Single(summaries, s => s.Runtime == "process");
        Assert.Equal("process", process.Command);
        Assert.Equal(1, process.OverheadMilliseconds!.Value, 9);
        Assert.DoesNotContain(summaries, s => s.Runtime == "vm");
    }

    [Fact]
    public void Summarize_NoFlintSamples_OverheadUnknown()
    {
        var summary = Assert.Single(OverheadAnalysis.Summarize([Samples.Ok("runc", 7)], [], new Dictionary<string, string>()));

        Assert.Null(summary.ThroughFlint);
        Assert.Null(summary.OverheadMilliseconds);
        Assert.Null(summary.Ratio);
    }
}
