using Flint.Bench.Statistics;

namespace Flint.Bench.Tests.Statistics;

public sealed class EmpiricalCdfTests
{
    [Fact]
    public void Of_ValuesWithTies_OnePointPerDistinctValueWithCumulativeFraction()
    {
        var cdf = EmpiricalCdf.Of([3, 1, 2, 2]);

        Assert.Equal([new CdfPoint(1, 0.25), new CdfPoint(2, 0.75), new CdfPoint(3, 1)], cdf);
    }

    [Fact]
    public void Of_NoValues_IsEmpty()
    {
        Assert.Empty(EmpiricalCdf.Of([]));
    }
}
