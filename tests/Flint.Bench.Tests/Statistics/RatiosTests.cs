using Flint.Bench.Statistics;

namespace Flint.Bench.Tests.Statistics;

public sealed class RatiosTests
{
    [Fact]
    public void OfMedians_BothPresent_IsQuotient()
    {
        Assert.Equal(2.5, Ratios.OfMedians(10, 4));
    }

    [Fact]
    public void OfMedians_MissingOrZeroBaseline_IsNull()
    {
        Assert.Null(Ratios.OfMedians(10, null));
        Assert.Null(Ratios.OfMedians(null, 4));
        Assert.Null(Ratios.OfMedians(10, 0));
    }
}
