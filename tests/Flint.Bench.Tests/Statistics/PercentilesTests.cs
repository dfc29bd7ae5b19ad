using Flint.Bench.Statistics;

namespace Flint.Bench.Tests.Statistics;

public sealed class PercentilesTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 2.5)]
    [InlineData(1.0, 4.0)]
    [InlineData(0.25, 1.75)]
    public void Of_FourValues_InterpolatesBetweenClosestRanks(double p, double expected)
    {
        Assert.Equal(expected, Percentiles.Of([1, 2, 3, 4], p), 10);
    }

    [Fact]
    public void Of_OneToTwenty_P95IsNineteenPointZeroFive()
    {
        var values = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();

        Assert.Equal(19.05, Percentiles.Of(values, 0.95), 10);
    }

    [Fact]
    public void Of_SingleValue_IsThatValueForEveryP()
    {
        Assert.Equal(7, Percentiles.Of([7], 0));
        Assert.Equal(7, Percentiles.Of([7], 0.99));
        Assert.Equal(7, Percentiles.Of([7], 1));
    }

    [Fact]
    public void Of_NoValues_Throws()
    {
        Assert.Throws<ArgumentException>(() => Percentiles.Of([], 0.5));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void Of_POutsideZeroToOne_Throws(double p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1, 2], p));
    }

    [Fact]
    public void Median_UnsortedOddAndEvenCounts_IsMiddleOrMeanOfMiddles()
    {
        Assert.Equal(3, Percentiles.Median([5, 1, 3]));
        Assert.Equal(2.5, Percentiles.Median([4, 1, 3, 2]));
    }
}
