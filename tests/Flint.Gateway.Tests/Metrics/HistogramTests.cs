using Flint.Gateway.Metrics;

namespace Flint.Gateway.Tests.Metrics;

public sealed class HistogramTests
{
    [Fact]
    public void Observe_ValuesAcrossBuckets_CountsEachInEveryBucketAtOrAboveIt()
    {
        var histogram = new Histogram();

        histogram.Observe(0.0003);
        histogram.Observe(0.001);
        histogram.Observe(0.7);
        histogram.Observe(60);

        var (cumulative, count, sum) = histogram.Snapshot();
        long[] expected = [0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3];
        Assert.Equal(
            expected.Select((c, i) => $"le={Histogram.SecondsBuckets[i]}: {c}"),
            cumulative.Select((c, i) => $"le={Histogram.SecondsBuckets[i]}: {c}"));
        Assert.Equal(4, count);
        Assert.Equal(60.7013, sum, 9);
    }

    [Fact]
    public void Observe_ExactlyABound_CountsInThatBucket()
    {
        var histogram = new Histogram();

        histogram.Observe(0.0001);

        var (cumulative, _, _) = histogram.Snapshot();
        Assert.All(cumulative, c => Assert.Equal(1, c));
    }

    [Fact]
    public void Snapshot_Nothing_IsAllZero()
    {
        var (cumulative, count, sum) = new Histogram().Snapshot();

        Assert.Equal(Histogram.SecondsBuckets.Count, cumulative.Length);
        Assert.All(cumulative, c => Assert.Equal(0, c));
        Assert.Equal(0, count);
        Assert.Equal(0, sum);
    }
}
