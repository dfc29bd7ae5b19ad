using Flint.Bench.ColdStart;

namespace Flint.Bench.Tests.ColdStart;

public sealed class QuiescenceTests
{
    [Fact]
    public async Task WaitAsync_BusyThenQuiet_ReturnsAfterTheFirstQuietWindow()
    {
        // CPU used per window: 8 ms, 5 ms, then 1 ms (under the 2 ms bound).
        var clock = new CpuClock([8, 5, 1, 0]);
        var quiet = new Quiescence(clock.Read, clock.Delay);

        Assert.True(await quiet.WaitAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, clock.Windows);
        Assert.Equal(1, clock.Settles);
    }

    [Fact]
    public async Task WaitAsync_NeverQuiet_GivesUpAtTheLimit()
    {
        var clock = new CpuClock(Enumerable.Repeat(9, 1000).ToArray());
        var quiet = new Quiescence(clock.Read, clock.Delay);

        Assert.False(await quiet.WaitAsync(TestContext.Current.CancellationToken));
        Assert.Equal((int)(Quiescence.Limit / Quiescence.Window), clock.Windows);
    }

    [Fact]
    public async Task WaitAsync_QuietAtOnce_StillSettlesFirst()
    {
        var clock = new CpuClock([0]);
        var quiet = new Quiescence(clock.Read, clock.Delay);

        Assert.True(await quiet.WaitAsync(TestContext.Current.CancellationToken));
        Assert.Equal((1, 1), (clock.Settles, clock.Windows));
        Assert.Equal([Quiescence.Settle, Quiescence.Window], clock.Delays);
    }

    [Fact]
    public async Task WaitAsync_WithoutSettle_StartsWithAWindow()
    {
        var clock = new CpuClock([4, 0]);
        var quiet = new Quiescence(clock.Read, clock.Delay);

        Assert.True(await quiet.WaitAsync(TestContext.Current.CancellationToken, settle: false));
        Assert.Equal([Quiescence.Window, Quiescence.Window], clock.Delays);
    }

    /// <summary>A CPU clock that advances by the given milliseconds during each window the quiescence waits out (not during the settle time).</summary>
    private sealed class CpuClock(int[] busyPerWindow)
    {
        private TimeSpan _now;

        public int Windows { get; private set; }

        public int Settles { get; private set; }

        public List<TimeSpan> Delays { get; } = [];

        public TimeSpan Read() => _now;

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            Delays.Add(delay);
            if (delay == Quiescence.Settle)
            {
                Settles++;
            }
            else
            {
                _now += TimeSpan.FromMilliseconds(busyPerWindow[Windows++]);
            }

            return Task.CompletedTask;
        }
    }
}
