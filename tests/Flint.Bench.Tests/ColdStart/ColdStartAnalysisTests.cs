using Flint.Bench.ColdStart;
using Flint.Bench.Tests.Fakes;

namespace Flint.Bench.Tests.ColdStart;

public sealed class ColdStartAnalysisTests
{
    [Fact]
    public void Summarize_ThreeRuntimes_RatiosOfMediansAgainstProcessAndVm()
    {
        var samples = new[]
        {
            Samples.Ok("process", 1), Samples.Ok("process", 2), Samples.Ok("process", 3),
            Samples.Ok("vm", 4), Samples.Ok("vm", 4),
            Samples.Ok("crun", 10), Samples.Ok("crun", 20), Samples.Ok("crun", 30),
        };

        var summaries = ColdStartAnalysis.Summarize(samples).ToDictionary(s => s.Runtime);

        Assert.Equal(10, summaries["crun"].RatioToProcess);
        Assert.Equal(5, summaries["crun"].RatioToVm);
        Assert.Equal(1, summaries["process"].RatioToProcess);
        Assert.Equal(2, summaries["vm"].RatioToProcess);
    }

    [Fact]
    public void Summarize_WithWarmRequests_AddedIsColdMedianLessWarmMedianAndRatioToCrun()
    {
        var samples = new[] { Samples.Ok("vm-snapshot", 3), Samples.Ok("vm-snapshot", 5), Samples.Ok("crun", 40), Samples.Ok("crun", 60) };
        var warm = new[] { Samples.Ok("vm-snapshot", 1), Samples.Ok("vm-snapshot", 2), Samples.Ok("vm-snapshot", 9), Samples.Failed("crun") };

        var summaries = ColdStartAnalysis.Summarize(samples, warm).ToDictionary(s => s.Runtime);

        Assert.Equal(2, summaries["vm-snapshot"].WarmMedian);
        Assert.Equal(2, summaries["vm-snapshot"].AddedOverWarm);
        Assert.Equal(0.08, summaries["vm-snapshot"].RatioToCrun);
        Assert.Null(summaries["crun"].WarmMedian);
        Assert.Null(summaries["crun"].AddedOverWarm);
        Assert.Equal(1, summaries["crun"].RatioToCrun);
    }

    [Fact]
    public void Summarize_WithoutProcessOrVm_RatiosAreNull()
    {
        var summary = Assert.Single(ColdStartAnalysis.Summarize([Samples.Ok("runc", 3)]));

        Assert.Null(summary.RatioToProcess);
        Assert.Null(summary.RatioToVm);
    }

    [Fact]
    public void Summarize_Failures_CountedAndLeftOutOfStatistics()
    {
        var summary = Assert.Single(ColdStartAnalysis.Summarize([Samples.Ok("crun", 10), Samples.Failed("crun"), Samples.Ok("crun", 20)]));

        Assert.Equal(3, summary.Requests);
        Assert.Equal(1, summary.Failures);
        Assert.Equal(2, summary.Total!.Count);
        Assert.Equal(15, summary.Total.Median);
    }

    [Fact]
    public void Summarize_Phases_DurationsBetweenPhasesThenClientSegment()
    {
        PhaseOffset[] phases = [new("ready", 3), new("create", 1), new("response", 4)];

        var summary = Assert.Single(ColdStartAnalysis.Summarize([Samples.Ok("crun", 5, 0, phases), Samples.Ok("crun", 7, 1, phases)]));

        Assert.Equal(["create", "ready", "response", ColdStartAnalysis.ClientSegment], summary.Phases.Select(p => p.Name));
        Assert.Equal([1, 2, 1, 2], summary.Phases.Select(p => p.MedianDurationMilliseconds));
        Assert.Equal(3, summary.Phases.Single(p => p.Name == "ready").MedianOffsetMilliseconds);
    }
}
