using Flint.Bench.Soak;

namespace Flint.Bench.Tests.Soak;

public sealed class SoakComparisonTests
{
    [Fact]
    public void Compare_OneLeftoverCgroup_Exceeds()
    {
        var deltas = SoakComparison.Compare([new(SoakBounds.Cgroups, 0)], [new(SoakBounds.Cgroups, 1)]);

        Assert.True(Assert.Single(deltas).Exceeded);
    }

    [Fact]
    public void Compare_DescriptorsWithinTheirBound_Pass()
    {
        var deltas = SoakComparison.Compare([new(SoakBounds.Descriptors, 100)], [new(SoakBounds.Descriptors, 100 + SoakBounds.For(SoakBounds.Descriptors))]);

        Assert.False(Assert.Single(deltas).Exceeded);
    }

    [Fact]
    public void Compare_DescriptorsPastTheirBound_Exceed()
    {
        var deltas = SoakComparison.Compare([new(SoakBounds.Descriptors, 100)], [new(SoakBounds.Descriptors, 101 + SoakBounds.For(SoakBounds.Descriptors))]);

        Assert.True(Assert.Single(deltas).Exceeded);
    }

    [Fact]
    public void Settled_OnlyTheProcessFiguresGrew_IsTrue()
    {
        var settled = SoakComparison.Settled(
            [new(SoakBounds.Threads, 10), new(SoakBounds.Children, 1)],
            [new(SoakBounds.Threads, 40), new(SoakBounds.Children, 1)]);

        Assert.True(settled);
    }

    [Fact]
    public void Settled_AChildProcessRemains_IsFalse()
    {
        Assert.False(SoakComparison.Settled([new(SoakBounds.Children, 0)], [new(SoakBounds.Children, 1)]));
    }

    [Fact]
    public void Result_FailedStart_DoesNotPass()
    {
        Assert.False(new SoakResult("process", 10, 1, "502", TimeSpan.Zero, []).Passed);
    }
}
