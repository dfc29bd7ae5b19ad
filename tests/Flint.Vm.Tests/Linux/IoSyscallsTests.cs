using System.Text;
using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux;

public sealed class IoSyscallsTests
{
    private const ulong Write = 1;
    private const ulong Writev = 20;

    [Fact]
    public void Write_Stdout_GoesToTheStream()
    {
        using var guest = new TestGuest();
        guest.WriteString(guest.Buffer, "hello\n");
        Assert.Equal(6, guest.Call(Write, 1, guest.Buffer.Value, 6));
        Assert.Equal(6, guest.Call(Write, 2, guest.Buffer.Value, 6));
        Assert.Equal("hello\n", Encoding.UTF8.GetString(guest.Stdout.ToArray()));
        Assert.Equal("hello\n", Encoding.UTF8.GetString(guest.Stderr.ToArray()));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(3UL)]
    [InlineData(ulong.MaxValue)]
    public void Write_OtherFd_ReturnsEbadf(ulong fd)
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EBADF, guest.Call(Write, fd, guest.Buffer.Value, 1));
    }

    [Theory]
    [InlineData(0x10UL, 16UL)]
    [InlineData(0xFFFF_FFFF_FFFF_0000UL, 1UL << 40)]
    [InlineData(0x40_0000UL, 2UL << 20)]     // runs past the 1 MiB buffer
    [InlineData(0x1000UL, 8UL)]             // the GDT: a supervisor page
    public void Write_WildPointerOrLength_ReturnsEfault(ulong address, ulong length)
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EFAULT, guest.Call(Write, 1, address, length));
        Assert.Equal(0, guest.Stdout.Length);
    }

    [Fact]
    public void Writev_Vectors_AreConcatenated()
    {
        using var guest = new TestGuest();
        guest.WriteString(guest.Buffer + 0x100, "foo");
        guest.WriteString(guest.Buffer + 0x200, "barbaz");
        WriteIovec(guest, 0, 0x100, 3);
        WriteIovec(guest, 1, 0, 0);
        WriteIovec(guest, 2, 0x200, 6);
        Assert.Equal(9, guest.Call(Writev, 1, guest.Buffer.Value, 3));
        Assert.Equal("foobarbaz", Encoding.UTF8.GetString(guest.Stdout.ToArray()));
    }

    [Fact]
    public void Writev_BadVectorArray_ReturnsEfault()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EFAULT, guest.Call(Writev, 1, 0x7FFF_0000, 2));
        Assert.Equal(-Errno.EFAULT, guest.Call(Writev, 1, ulong.MaxValue - 8, 2));
    }

    [Fact]
    public void Writev_TooManyVectorsOrHugeLengths_ReturnsEinval()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EINVAL, guest.Call(Writev, 1, guest.Buffer.Value, 1025));
        WriteIovec(guest, 0, 0, ulong.MaxValue);
        Assert.Equal(-Errno.EINVAL, guest.Call(Writev, 1, guest.Buffer.Value, 1));
        WriteIovec(guest, 0, 0, 0x7000_0000);
        WriteIovec(guest, 1, 0, 0x7000_0000);
        Assert.Equal(-Errno.EINVAL, guest.Call(Writev, 1, guest.Buffer.Value, 2));
    }

    [Fact]
    public void Writev_SecondVectorWild_ReturnsWhatWasWritten()
    {
        using var guest = new TestGuest();
        guest.WriteString(guest.Buffer + 0x100, "ok");
        WriteIovec(guest, 0, 0x100, 2);
        Assert.True(guest.Memory.TryWrite(guest.Buffer + 16, Flint.Vm.Memory.GuestAccess.Monitor, new Iovec { Base = 0x10, Length = 4 }));
        Assert.Equal(2, guest.Call(Writev, 1, guest.Buffer.Value, 2));
    }

    [Fact]
    public void Read_Stdin_IsEndOfFile()
    {
        using var guest = new TestGuest();
        Assert.Equal(0, guest.Call(0, 0, guest.Buffer.Value, 100));
        Assert.Equal(-Errno.EFAULT, guest.Call(0, 0, guest.ReadOnlyPage.Value, 100));
        Assert.Equal(-Errno.EBADF, guest.Call(0, 7, guest.Buffer.Value, 100));
    }

    [Fact]
    public void Fstat_Stdout_IsAPipe()
    {
        using var guest = new TestGuest();
        Assert.Equal(0, guest.Call(5, 1, guest.Buffer.Value));
        var stat = guest.Read<LinuxStat>(guest.Buffer);
        Assert.Equal(0x1000u, stat.Mode & 0xF000);  // S_IFIFO
        Assert.Equal(4096, stat.BlockSize);
        Assert.Equal(-Errno.EBADF, guest.Call(5, 5, guest.Buffer.Value));
        Assert.Equal(-Errno.EFAULT, guest.Call(5, 1, guest.ReadOnlyPage.Value));
    }

    [Fact]
    public void Newfstatat_EmptyPathWithFlag_StatsTheFd()
    {
        using var guest = new TestGuest();
        guest.WriteString(guest.Buffer, string.Empty);
        Assert.Equal(0, guest.Call(262, 1, guest.Buffer.Value, guest.Buffer.Value + 0x100, 0x1000));
        Assert.Equal(0x1000u, guest.Read<LinuxStat>(guest.Buffer + 0x100).Mode & 0xF000);
        Assert.Equal(-Errno.ENOENT, guest.Call(262, 1, guest.Buffer.Value, guest.Buffer.Value + 0x100, 0));
        Assert.Equal(-Errno.EINVAL, guest.Call(262, 1, guest.Buffer.Value, guest.Buffer.Value + 0x100, 0x8000_0000));
        Assert.Equal(-Errno.EFAULT, guest.Call(262, 1, 0xdead_0000, guest.Buffer.Value, 0x1000));
    }

    [Theory]
    [InlineData(0x5401UL)]   // TCGETS
    [InlineData(0x5413UL)]   // TIOCGWINSZ
    public void Ioctl_TerminalRequestOnStdout_ReturnsEnotty(ulong request)
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.ENOTTY, guest.Call(16, 1, request, guest.Buffer.Value));
        Assert.Equal(-Errno.EBADF, guest.Call(16, 9, request, guest.Buffer.Value));
    }

    [Fact]
    public void Readlink_ProcSelfExe_ReturnsAbsolutePathWithoutNul()
    {
        using var guest = new TestGuest();
        guest.WriteString(guest.Buffer, "/proc/self/exe");
        var length = guest.Call(89, guest.Buffer.Value, guest.Buffer.Value + 0x100, 4096);
        Assert.Equal("/opt/app/hello".Length, length);
        Assert.Equal("/opt/app/hello", Encoding.UTF8.GetString(guest.ReadBytes(guest.Buffer + 0x100, (int)length)));
        Assert.Equal(5, guest.Call(267, unchecked((ulong)-100), guest.Buffer.Value, guest.Buffer.Value + 0x100, 5));
    }

    [Fact]
    public void Readlink_OtherPathOrBadArgs_Fails()
    {
        using var guest = new TestGuest();
        guest.WriteString(guest.Buffer, "/etc/passwd");
        Assert.Equal(-Errno.ENOENT, guest.Call(89, guest.Buffer.Value, guest.Buffer.Value + 0x100, 4096));
        Assert.Equal(-Errno.EINVAL, guest.Call(89, guest.Buffer.Value, guest.Buffer.Value + 0x100, 0));
        Assert.Equal(-Errno.EFAULT, guest.Call(89, 0x10, guest.Buffer.Value + 0x100, 10));
        guest.WriteString(guest.Buffer, "/proc/self/exe");
        Assert.Equal(-Errno.EFAULT, guest.Call(89, guest.Buffer.Value, guest.ReadOnlyPage.Value, 100));
    }

    [Fact]
    public void Openat_AnyPath_ReturnsEnoent()
    {
        using var guest = new TestGuest();
        guest.WriteString(guest.Buffer, "/etc/hosts");
        Assert.Equal(-Errno.ENOENT, guest.Call(257, unchecked((ulong)-100), guest.Buffer.Value, 0));
        Assert.Equal(-Errno.EFAULT, guest.Call(257, unchecked((ulong)-100), 0, 0));
    }

    private static void WriteIovec(TestGuest guest, int index, ulong offset, ulong length)
        => Assert.True(guest.Memory.TryWrite(guest.Buffer + ((ulong)index * 16), Flint.Vm.Memory.GuestAccess.Monitor,
            new Iovec { Base = length == 0 && offset == 0 ? 0 : guest.Buffer.Value + offset, Length = length }));
}
