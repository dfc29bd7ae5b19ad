using Flint.Bench.ColdStart;

namespace Flint.Bench.Tests.ColdStart;

public sealed class JitSettleTests
{
    private static readonly int PollsToQuiet = (int)(JitSettle.Quiet / JitSettle.Poll);

    [Fact]
    public async Task WaitAsync_CompilingThenIdle_ReturnsOnceNothingWasCompiledForTheQuietTime()
    {
        // Three more methods compiled at each of the first four polls, then none.
        var jit = new FakeJit(Enumerable.Range(0, 4).Select(i => 3L * (i + 1)));

        Assert.True(await new JitSettle(jit.Read, jit.Delay).WaitAsync(TestContext.Current.CancellationToken));
        Assert.Equal(4 + PollsToQuiet, jit.Polls);
    }

    [Fact]
    public async Task WaitAsync_IdleAtOnce_WaitsOneQuietTime()
    {
        var jit = new FakeJit([]);

        Assert.True(await new JitSettle(jit.Read, jit.Delay).WaitAsync(TestContext.Current.CancellationToken));
        Assert.Equal(PollsToQuiet, jit.Polls);
    }

    [Fact]
    public async Task WaitAsync_AlwaysCompiling_GivesUpAtTheLimit()
    {
        var jit = new FakeJit(Enumerable.Range(1, 10_000).Select(i => (long)i));

        Assert.False(await new JitSettle(jit.Read, jit.Delay).WaitAsync(TestContext.Current.CancellationToken));
        Assert.Equal((int)(JitSettle.Limit / JitSettle.Poll), jit.Polls);
    }

    /// <summary>A compiled-method count that takes the given values, one per poll, and then stays at the last.</summary>
    private sealed class FakeJit(IEnumerable<long> countsPerPoll)
    {
        private readonly List<long> _counts = [.. countsPerPoll];
        private long _now;

        public int Polls { get; private set; }

        public long Read() => _now;

        public Task Delay(TimeSpan interval, CancellationToken cancellationToken)
        {
            Assert.Equal(JitSettle.Poll, interval);
            if (Polls < _counts.Count)
            {
                _now = _counts[Polls];
            }

            Polls++;
            return Task.CompletedTask;
        }
    }
}
