using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux.Events;

/// <summary>epoll, eventfd and pipes against real guest memory: semantics, hostile arguments, and waits the VM's stop ends.</summary>
public sealed class EventsSyscallsTests
{
    private const ulong Read = 0;
    private const ulong Write = 1;
    private const ulong Close = 3;
    private const ulong EpollWait = 232;
    private const ulong EpollCtl = 233;
    private const ulong Eventfd2 = 290;
    private const ulong EpollCreate1 = 291;
    private const ulong Pipe2 = 293;
    private const uint EpollIn = 1;
    private const uint EpollEt = 1u << 31;
    private const uint EpollOneShot = 1u << 30;

    [Fact]
    public void EpollWait_HostileArguments_AreRefused()
    {
        using var guest = new TestGuest();
        var ep = (ulong)guest.Call(EpollCreate1, 0);
        Assert.Equal(-Errno.EINVAL, guest.Call(EpollCreate1, 1));
        Assert.Equal(-Errno.EFAULT, guest.Call(EpollWait, ep, 0x10, 4, 0));
        Assert.Equal(-Errno.EFAULT, guest.Call(EpollWait, ep, guest.ReadOnlyPage.Value, 4, 0));
        Assert.Equal(-Errno.EINVAL, guest.Call(EpollWait, ep, guest.Buffer.Value, 0, 0));
        Assert.Equal(-Errno.EINVAL, guest.Call(EpollWait, ep, guest.Buffer.Value, ulong.MaxValue, 0));
        Assert.Equal(-Errno.EINVAL, guest.Call(EpollWait, 1, guest.Buffer.Value, 4, 0));
        Assert.Equal(-Errno.EBADF, guest.Call(EpollWait, 99, guest.Buffer.Value, 4, 0));
        Assert.Equal(-Errno.EINVAL, guest.Call(EpollCtl, ep, 1, ep, guest.Buffer.Value));
        Assert.Equal(-Errno.EFAULT, guest.Call(EpollCtl, ep, 1, 0, 0x10));
        Assert.Equal(-Errno.ENOENT, guest.Call(EpollCtl, ep, 2, 0, 0));
    }

    [Fact]
    public void Epoll_EventfdLevelEdgeAndOneShot_ReportAsLinuxDoes()
    {
        using var guest = new TestGuest();
        var ep = (ulong)guest.Call(EpollCreate1, 0);
        var level = (ulong)guest.Call(Eventfd2, 1, 0x800);
        var edge = (ulong)guest.Call(Eventfd2, 1, 0x800);
        var once = (ulong)guest.Call(Eventfd2, 1, 0x800);
        Add(guest, ep, level, EpollIn, 0xAAAA_0000_0000_0001);
        Add(guest, ep, edge, EpollIn | EpollEt, 2);
        Add(guest, ep, once, EpollIn | EpollOneShot, 3);
        Assert.Equal(-Errno.EEXIST, guest.Call(EpollCtl, ep, 1, level, guest.Buffer.Value));

        var events = guest.Buffer + 0x1000;
        Assert.Equal(3, guest.Call(EpollWait, ep, events.Value, 8, 0));
        Assert.Equal(EpollIn, guest.Read<uint>(events));
        Assert.Equal(0xAAAA_0000_0000_0001UL, guest.Read<ulong>(events + 4));

        // Nothing changed: only the level-triggered fd is reported again.
        Assert.Equal(1, guest.Call(EpollWait, ep, events.Value, 8, 0));
        Assert.Equal(0xAAAA_0000_0000_0001UL, guest.Read<ulong>(events + 4));

        // A write to the edge-triggered fd is a new edge.
        guest.Write(guest.Buffer, BitConverter.GetBytes(1UL));
        Assert.Equal(8, guest.Call(Write, edge, guest.Buffer.Value, 8));
        Assert.Equal(2, guest.Call(EpollWait, ep, events.Value, 8, 0));
        Assert.Equal(2UL, guest.Read<ulong>(events + 12 + 4));
    }

    [Fact]
    public async Task EpollWait_Infinite_EndsWithEintrWhenTheVmStops()
    {
        using var guest = new TestGuest();
        var ep = (ulong)guest.Call(EpollCreate1, 0);
        var fd = (ulong)guest.Call(Eventfd2, 0, 0);
        Add(guest, ep, fd, EpollIn, 7);
        var wait = Task.Run(() => guest.Call(EpollWait, ep, guest.Buffer.Value + 0x1000, 8, unchecked((ulong)-1)));
        guest.Process.RequestStop();
        Assert.Equal(-Errno.EINTR, await wait.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EventfdRead_Blocking_WakesOnAWriteFromAnotherThread()
    {
        using var guest = new TestGuest();
        var fd = (ulong)guest.Call(Eventfd2, 0, 0);
        var read = Task.Run(() => guest.Call(Read, fd, guest.Buffer.Value, 8));
        guest.Write(guest.Buffer + 0x100, BitConverter.GetBytes(9UL));
        Assert.Equal(8, guest.Call(Write, fd, guest.Buffer.Value + 0x100, 8));
        Assert.Equal(8, await read.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
        Assert.Equal(9UL, guest.Read<ulong>(guest.Buffer));
    }

    [Fact]
    public async Task PipeRead_Blocking_EndsWithEintrWhenTheVmStops()
    {
        using var guest = new TestGuest();
        Assert.Equal(0, guest.Call(Pipe2, guest.Buffer.Value, 0));
        var reader = (ulong)guest.Read<int>(guest.Buffer);
        var read = Task.Run(() => guest.Call(Read, reader, guest.Buffer.Value + 0x100, 16));
        guest.Process.RequestStop();
        Assert.Equal(-Errno.EINTR, await read.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Pipe2_HostileArguments_AreRefused()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EFAULT, guest.Call(Pipe2, guest.ReadOnlyPage.Value, 0));
        Assert.Equal(-Errno.EINVAL, guest.Call(Pipe2, guest.Buffer.Value, 1));
        Assert.Equal(0, guest.Call(Pipe2, guest.Buffer.Value, 0));
        var writer = (ulong)guest.Read<int>(guest.Buffer + 4);
        Assert.Equal(-Errno.EFAULT, guest.Call(Write, writer, 0x10, 4));
        Assert.Equal(0, guest.Call(Close, writer));
    }

    private static void Add(TestGuest guest, ulong ep, ulong fd, uint events, ulong data)
    {
        var request = new EpollEvent { Events = events, Data = data };
        Assert.True(guest.Memory.TryWrite(guest.Buffer, Flint.Vm.Memory.GuestAccess.Monitor, in request));
        Assert.Equal(0, guest.Call(EpollCtl, ep, 1, fd, guest.Buffer.Value));
    }
}
