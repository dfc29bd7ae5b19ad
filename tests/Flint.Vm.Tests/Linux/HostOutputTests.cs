using Flint.Interop.Libc;
using Flint.Vm.Linux;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux;

public sealed class HostOutputTests
{
    [Fact]
    public void Write_LargerThanAChunk_ArrivesWholeAndInOrder()
    {
        using var target = new MemoryStream();
        var output = new HostOutput(target, TestContext.Current.CancellationToken);
        var data = Enumerable.Range(0, (HostOutput.ChunkBytes * 2) + 123).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(data.Length, output.Write(data));
        Assert.Equal(data, target.ToArray());
        Assert.Equal(0, output.Flush());
    }

    [Fact]
    public async Task Write_ReaderStalled_StopEndsTheWriteWithEintr()
    {
        using var target = new StalledStream();
        using var stop = new CancellationTokenSource();
        var output = new HostOutput(target, stop.Token);
        var writer = Task.Factory.StartNew(() => output.Write(new byte[100]), TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        SpinWait.SpinUntil(() => target.BlockedWriters == 1);
        Assert.False(writer.IsCompleted);

        stop.Cancel();

        Assert.Equal(-Errno.EINTR, await writer);
        Assert.Equal(-Errno.EIO, output.Write(new byte[1]));
        Assert.Equal(1, target.BlockedWriters);  // the abandoned host write is still pending; nothing else was started
    }

    [Fact]
    public void Write_AfterStop_WritesNothing()
    {
        using var target = new MemoryStream();
        var output = new HostOutput(target, new CancellationToken(true));
        Assert.Equal(-Errno.EINTR, output.Write("abc"u8));
        Assert.Equal(-Errno.EINTR, output.Flush());
        Assert.Equal(0, target.Length);
    }

    [Fact]
    public void Write_HostStreamFails_ReturnsEio()
    {
        var target = new StalledStream();
        target.Dispose();  // released: its writes fail at once
        var output = new HostOutput(target, TestContext.Current.CancellationToken);
        Assert.Equal(-Errno.EIO, output.Write("abc"u8));
    }

    [Fact]
    public void Write_ReadOnlyHostStream_ReturnsEbadf()
    {
        using var target = new MemoryStream([], writable: false);
        var output = new HostOutput(target, TestContext.Current.CancellationToken);
        Assert.Equal(-Errno.EBADF, output.Write("abc"u8));
    }
}
