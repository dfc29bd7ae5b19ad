using Flint.Runtimes.Common;

namespace Flint.Runtimes.Tests.Common;

public sealed class InFlightWorkTests
{
    [Fact]
    public async Task DrainAsync_WorkAddedWhileDraining_WaitsForItToo()
    {
        var work = new InFlightWork();
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        _ = work.Add(first.Task.ContinueWith(_ => work.Add(second.Task), TaskScheduler.Default));

        var drained = work.DrainAsync();
        first.SetResult();
        await Task.Delay(50, TestContext.Current.CancellationToken);

        Assert.False(drained.IsCompleted, "drained before the work added by the first was over");
        second.SetResult();
        await drained.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task DrainAsync_Nothing_CompletesAtOnce()
    {
        var work = new InFlightWork();
        _ = work.Add(Task.CompletedTask);

        await work.DrainAsync().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
