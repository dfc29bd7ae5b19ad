using Flint.Bench.Statistics;

namespace Flint.Bench.Tests.Statistics;

public sealed class DistributionSummaryTests
{
    [Fact]
    public void Of_OneToHundredShuffled_KnownPercentilesAndMean()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();

        var summary = DistributionSummary.Of(values)!;

        Assert.Equal(100, summary.Count);
        Assert.Equal(50.5, summary.Median, 10);
        Assert.Equal(95.05, summary.P95, 10);
        Assert.Equal(99.01, summary.P99, 10);
        Assert.Equal(1, summary.Min);
        Assert.Equal(100, summary.Max);
        Assert.Equal(50.5, summary.Mean, 10);
    }

    [Fact]
    public void Of_NoValues_IsNull()
    {
        Assert.Null(DistributionSummary.Of([]));
    }
}
