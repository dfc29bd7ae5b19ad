using System.Diagnostics;

namespace Flint.Runtimes.Tests;

public sealed class PhaseTimelineTests
{
    private static readonly long Origin = Stopwatch.GetTimestamp();

    [Fact]
    public void Mark_AtATimestamp_RecordsTheOffsetFromTheOrigin()
    {
        var timeline = new PhaseTimeline(Origin);

        timeline.Mark("ready", Origin + Stopwatch.Frequency);

        Assert.Equal(Origin, timeline.OriginTimestamp);
        Assert.Equal(TimeSpan.FromSeconds(1), timeline["ready"]);
    }

    [Fact]
    public void Mark_SamePhaseTwice_KeepsTheFirstTime()
    {
        var timeline = new PhaseTimeline(Origin);

        timeline.Mark("ready", Origin + Stopwatch.Frequency);
        timeline.Mark("ready", Origin + (3 * Stopwatch.Frequency));

        Assert.Equal(TimeSpan.FromSeconds(1), timeline["ready"]);
        Assert.Single(timeline.Marks);
    }

    [Fact]
    public void Marks_SeveralPhases_AreInTheOrderMarked()
    {
        var timeline = new PhaseTimeline(Origin);

        timeline.Mark("spawned", Origin + (2 * Stopwatch.Frequency));
        timeline.Mark("created", Origin + Stopwatch.Frequency);

        Assert.Equal(
            [KeyValuePair.Create("spawned", TimeSpan.FromSeconds(2)), KeyValuePair.Create("created", TimeSpan.FromSeconds(1))],
            timeline.Marks);
    }

    [Fact]
    public void Indexer_PhaseNeverMarked_IsNull()
    {
        var timeline = new PhaseTimeline(Origin);
        timeline.Mark("created", Origin);

        Assert.Null(timeline["ready"]);
        Assert.Equal(TimeSpan.Zero, timeline["created"]);
    }

    [Fact]
    public void Mark_WithoutATimestamp_RecordsNow()
    {
        var timeline = PhaseTimeline.StartNow();

        timeline.Mark("ready");

        Assert.True(timeline["ready"] >= TimeSpan.Zero);
        Assert.True(timeline.OriginTimestamp <= Stopwatch.GetTimestamp());
    }
}
