using Flint.Interop.Libc;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux;

/// <summary>The futex wait queues between host threads: wake, bitsets, requeue, timeouts.</summary>
public sealed class FutexesTests
{
    [Fact]
    public async Task Wake_BlockedWaiter_ReturnsZeroToIt()
    {
        using var guest = new TestGuest();
        var futexes = guest.Process.Futexes;
        var waiter = Task.Run(() => futexes.Wait(guest.Memory, guest.Buffer.Value, 0, uint.MaxValue, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
        Assert.True(SpinWait.SpinUntil(() => futexes.Waiting == 1, TimeSpan.FromMinutes(1)));

        Assert.Equal(1, futexes.Wake(guest.Buffer.Value, 1, uint.MaxValue));
        Assert.Equal(0, await waiter);
        Assert.Equal(0, futexes.Waiting);
    }

    [Fact]
    public async Task Wake_BitsetsThatDoNotMeet_WakeNobody()
    {
        using var guest = new TestGuest();
        var futexes = guest.Process.Futexes;
        var waiter = Task.Run(() => futexes.Wait(guest.Memory, guest.Buffer.Value, 0, 0b01, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
        Assert.True(SpinWait.SpinUntil(() => futexes.Waiting == 1, TimeSpan.FromMinutes(1)));

        Assert.Equal(0, futexes.Wake(guest.Buffer.Value, int.MaxValue, 0b10));
        Assert.Equal(1, futexes.Wake(guest.Buffer.Value, int.MaxValue, 0b11));
        Assert.Equal(0, await waiter);
    }

    [Fact]
    public async Task Requeue_MovesWaitersToTheTarget()
    {
        using var guest = new TestGuest();
        var futexes = guest.Process.Futexes;
        var source = guest.Buffer.Value;
        var target = guest.Buffer.Value + 64;
        var waiters = Enumerable.Range(0, 3)
            .Select(_ => Task.Run(() => futexes.Wait(guest.Memory, source, 0, uint.MaxValue, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)))
            .ToArray();
        Assert.True(SpinWait.SpinUntil(() => futexes.Waiting == 3, TimeSpan.FromMinutes(1)));

        Assert.Equal(-Errno.EAGAIN, futexes.Requeue(guest.Memory, source, 1, 2, target, expected: 7));
        Assert.Equal(3, futexes.Requeue(guest.Memory, source, 1, 2, target, expected: 0));
        Assert.Equal(0, futexes.Wake(source, int.MaxValue, uint.MaxValue));
        Assert.Equal(2, futexes.Wake(target, int.MaxValue, uint.MaxValue));
        Assert.All(await Task.WhenAll(waiters), r => Assert.Equal(0, r));
    }

    [Fact]
    public void Wait_Timeout_ReturnsEtimedout()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.ETIMEDOUT, guest.Process.Futexes.Wait(guest.Memory, guest.Buffer.Value, 0, uint.MaxValue, TimeSpan.FromMilliseconds(10), TestContext.Current.CancellationToken));
    }
}
