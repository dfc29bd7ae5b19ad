using Flint.Bench.Report.Charts;

namespace Flint.Bench.Tests.Report;

public sealed class LogAxisTests
{
    [Fact]
    public void Ticks_OneAndAHalfToEighty_WholeDecadesWithOneTwoFiveLabelled()
    {
        var ticks = LogAxis.Ticks(1.5, 80);

        Assert.Equal(["1", "2", "5", "10", "20", "50", "100"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Equal(19, ticks.Count);
        Assert.All(ticks, t => Assert.Equal(Math.Log10(t.Value), t.Position, 12));
    }

    [Fact]
    public void Ticks_SubMillisecond_LabelsKeepDecimals()
    {
        var ticks = LogAxis.Ticks(0.15, 1.5);

        Assert.Equal(["0.1", "0.2", "0.5", "1", "2", "5", "10"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Fact]
    public void Ticks_LessThanADecade_EveryTickLabelled()
    {
        var ticks = LogAxis.Ticks(28, 110);

        Assert.All(ticks, t => Assert.True(t.IsMajor));
        Assert.Contains("30", ticks.Select(t => t.Label));
        Assert.Contains("70", ticks.Select(t => t.Label));
    }

    [Fact]
    public void Ticks_NonPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LogAxis.Ticks(0, 10));
    }
}
