using System.Text;
using Flint.Interop.Libc;
using Flint.Vm.Linux;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux;

public sealed class IdentityAndTimeSyscallsTests
{
    [Fact]
    public void Uname_FillsEveryField()
    {
        using var guest = new TestGuest();
        Assert.Equal(0, guest.Call(63, guest.Buffer.Value));
        var bytes = guest.ReadBytes(guest.Buffer, Utsname.Size);
        string Field(int i) => Encoding.UTF8.GetString(bytes.AsSpan(i * 65, 65)).TrimEnd('\0');
        Assert.Equal("Linux", Field(0));
        Assert.Equal("flint", Field(1));
        Assert.Equal("x86_64", Field(4));
        Assert.Equal(-Errno.EFAULT, guest.Call(63, guest.ReadOnlyPage.Value));
        Assert.Equal(-Errno.EFAULT, guest.Call(63, 0x1000));
    }

    [Theory]
    [InlineData(39UL, LinuxIdentity.ProcessId)]
    [InlineData(186UL, LinuxIdentity.ProcessId)]
    [InlineData(110UL, LinuxIdentity.ParentProcessId)]
    [InlineData(102UL, LinuxIdentity.UserId)]
    [InlineData(107UL, LinuxIdentity.UserId)]
    [InlineData(104UL, LinuxIdentity.GroupId)]
    [InlineData(108UL, LinuxIdentity.GroupId)]
    public void IdFamily_ReturnsTheIdentity(ulong number, long expected)
    {
        using var guest = new TestGuest();
        Assert.Equal(expected, guest.Call(number));
    }

    [Fact]
    public void Prlimit64_Stack_ReportsEightMiB()
    {
        using var guest = new TestGuest();
        Assert.Equal(0, guest.Call(302, 0, ResourceLimits.RLIMIT_STACK, 0, guest.Buffer.Value));
        var limit = guest.Read<Rlimit>(guest.Buffer);
        Assert.Equal(8UL << 20, limit.Current);
        Assert.Equal(Rlimit.Infinity, limit.Maximum);
    }

    [Fact]
    public void Prlimit64_SetThenGet_RoundTrips()
    {
        using var guest = new TestGuest();
        Assert.True(guest.Memory.TryWrite(guest.Buffer, Flint.Vm.Memory.GuestAccess.Monitor, new Rlimit { Current = 100, Maximum = 200 }));
        Assert.Equal(0, guest.Call(302, 0, ResourceLimits.RLIMIT_NOFILE, guest.Buffer.Value, 0));
        Assert.Equal(0, guest.Call(97, ResourceLimits.RLIMIT_NOFILE, guest.Buffer.Value + 64));
        Assert.Equal(100UL, guest.Read<Rlimit>(guest.Buffer + 64).Current);
    }

    [Fact]
    public void Prlimit64_BadArguments_Fail()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EINVAL, guest.Call(302, 0, 99, 0, guest.Buffer.Value));
        Assert.Equal(-Errno.ESRCH, guest.Call(302, 4242, 3, 0, guest.Buffer.Value));
        Assert.Equal(-Errno.EFAULT, guest.Call(302, 0, 3, 0, guest.ReadOnlyPage.Value));
        Assert.Equal(-Errno.EFAULT, guest.Call(302, 0, 3, 0x10, 0));
        Assert.True(guest.Memory.TryWrite(guest.Buffer, Flint.Vm.Memory.GuestAccess.Monitor, new Rlimit { Current = 300, Maximum = 200 }));
        Assert.Equal(-Errno.EINVAL, guest.Call(302, 0, 3, guest.Buffer.Value, 0));
    }

    [Fact]
    public void Prlimit64_RaiseTheHardLimit_ReturnsEpermAndKeepsTheLimit()
    {
        using var guest = new TestGuest();
        Assert.True(guest.Memory.TryWrite(guest.Buffer, Flint.Vm.Memory.GuestAccess.Monitor, new Rlimit { Current = 64, Maximum = 128 }));
        Assert.True(guest.Memory.TryWrite(guest.Buffer + 16, Flint.Vm.Memory.GuestAccess.Monitor, new Rlimit { Current = 64, Maximum = 256 }));
        Assert.Equal(0, guest.Call(302, 0, ResourceLimits.RLIMIT_NOFILE, guest.Buffer.Value, 0));

        Assert.Equal(-Errno.EPERM, guest.Call(302, LinuxIdentity.ProcessId, ResourceLimits.RLIMIT_NOFILE, guest.Buffer.Value + 16, guest.Buffer.Value + 64));

        Assert.Equal(0, guest.Call(97, ResourceLimits.RLIMIT_NOFILE, guest.Buffer.Value + 64));
        Assert.Equal(128UL, guest.Read<Rlimit>(guest.Buffer + 64).Maximum);
    }

    [Fact]
    public void SetTidAddress_ReturnsTheCallersTidAndRemembersTheAddress()
    {
        using var guest = new TestGuest();

        Assert.Equal(guest.Process.Thread.Id, guest.Call(218, guest.Buffer.Value));

        Assert.Equal(guest.Buffer.Value, guest.Process.ClearChildTidAddress);
    }

    [Theory]
    [InlineData(24UL, 0L)]
    [InlineData(23UL, -Errno.EINVAL)]
    [InlineData(48UL, -Errno.EINVAL)]
    public void SetRobustList_OnlyTheLinuxHeadSize_IsAccepted(ulong size, long expected)
    {
        using var guest = new TestGuest();
        Assert.Equal(expected, guest.Call(273, guest.Buffer.Value, size));
    }

    [Fact]
    public void Rseq_AnyRequest_ReturnsEnosysSoTheCLibraryGoesWithoutIt()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.ENOSYS, guest.Call(334, guest.Buffer.Value, 32, 0, 0x53053053));
        Assert.Equal(-Errno.ENOSYS, guest.Call(334, 0, 0, 0x1234, 0));
    }

    [Theory]
    [InlineData(TimeSyscalls.CLOCK_REALTIME)]
    [InlineData(TimeSyscalls.CLOCK_MONOTONIC)]
    [InlineData(TimeSyscalls.CLOCK_PROCESS_CPUTIME_ID)]
    [InlineData(TimeSyscalls.CLOCK_THREAD_CPUTIME_ID)]
    [InlineData(TimeSyscalls.CLOCK_MONOTONIC_RAW)]
    [InlineData(TimeSyscalls.CLOCK_BOOTTIME)]
    public void ClockGetres_KnownClock_IsOneNanosecond(ulong clock)
    {
        using var guest = new TestGuest();
        guest.Write(guest.Buffer, [.. Enumerable.Repeat((byte)0xFF, 16)]);

        Assert.Equal(0, guest.Call(229, clock, guest.Buffer.Value));
        Assert.Equal(0, guest.Call(229, clock, 0));

        var resolution = guest.Read<Timespec>(guest.Buffer);
        Assert.Equal((0L, 1L), (resolution.Seconds, resolution.Nanoseconds));
    }

    [Fact]
    public void ClockGetres_BadClockOrPointer_Fails()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EINVAL, guest.Call(229, 10, guest.Buffer.Value));
        Assert.Equal(-Errno.EINVAL, guest.Call(229, 99, 0));
        Assert.Equal(-Errno.EFAULT, guest.Call(229, TimeSyscalls.CLOCK_MONOTONIC, guest.ReadOnlyPage.Value));
    }

    [Fact]
    public void ClockGettime_Realtime_ComesFromTheTimeProvider()
    {
        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(1234567), 5_000_000_123);
        using var guest = new TestGuest(time);
        Assert.Equal(0, guest.Call(228, TimeSyscalls.CLOCK_REALTIME, guest.Buffer.Value));
        var now = guest.Read<Timespec>(guest.Buffer);
        Assert.Equal(1_700_000_000, now.Seconds);
        Assert.Equal(123_456_700, now.Nanoseconds);
        Assert.Equal(0, guest.Call(228, TimeSyscalls.CLOCK_MONOTONIC, guest.Buffer.Value));
        now = guest.Read<Timespec>(guest.Buffer);
        Assert.Equal(5, now.Seconds);
        Assert.Equal(123, now.Nanoseconds);
    }

    [Fact]
    public void ClockGettime_BadClockOrPointer_Fails()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EINVAL, guest.Call(228, 99, guest.Buffer.Value));
        Assert.Equal(-Errno.EFAULT, guest.Call(228, 1, guest.ReadOnlyPage.Value));
        Assert.Equal(-Errno.EFAULT, guest.Call(228, 1, ulong.MaxValue - 4));
    }

    [Fact]
    public void Gettimeofday_And_Time_AgreeWithTheClock()
    {
        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_600_000_000).AddTicks(50), 0);
        using var guest = new TestGuest(time);
        Assert.Equal(0, guest.Call(96, guest.Buffer.Value, 0));
        Assert.Equal(1_600_000_000, guest.Read<Timeval>(guest.Buffer).Seconds);
        Assert.Equal(5, guest.Read<Timeval>(guest.Buffer).Microseconds);
        Assert.Equal(1_600_000_000, guest.Call(201, 0));
    }

    [Fact]
    public void Getrandom_FillsTheBuffer()
    {
        using var guest = new TestGuest();
        Assert.Equal(64, guest.Call(318, guest.Buffer.Value, 64, 0));
        Assert.Contains(guest.ReadBytes(guest.Buffer, 64), b => b != 0);
    }

    [Fact]
    public void Getrandom_BadFlagsOrBuffer_Fail()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EINVAL, guest.Call(318, guest.Buffer.Value, 16, 0x80));
        Assert.Equal(-Errno.EINVAL, guest.Call(318, guest.Buffer.Value, 16, 6));
        Assert.Equal(-Errno.EFAULT, guest.Call(318, guest.ReadOnlyPage.Value, 16, 0));
        Assert.Equal(-Errno.EFAULT, guest.Call(318, guest.Buffer.Value, ulong.MaxValue, 0));
    }

    [Fact]
    public void ArchPrctl_SetFs_ReachesTheVcpu()
    {
        using var guest = new TestGuest();
        Assert.Equal(0, guest.Call(158, ProcessSyscalls.ARCH_SET_FS, 0x7000_1000));
        Assert.Equal(0x7000_1000UL, guest.Vcpu.FsBase);
        Assert.Equal(0, guest.Call(158, ProcessSyscalls.ARCH_GET_FS, guest.Buffer.Value));
        Assert.Equal(0x7000_1000UL, guest.Read<ulong>(guest.Buffer));
        Assert.Equal(-Errno.EPERM, guest.Call(158, ProcessSyscalls.ARCH_SET_FS, 0xFFFF_8000_0000_0000));
        Assert.Equal(-Errno.EINVAL, guest.Call(158, 0x9999, 0));
    }

    [Fact]
    public void ExitGroup_RecordsTheLowByte()
    {
        using var guest = new TestGuest();
        guest.Call(231, 0x1FF);
        Assert.True(guest.Process.HasExited);
        Assert.Equal(0xFF, guest.Process.ExitCode);
    }

    [Fact]
    public void Futex_NoWaiters_WakeIsZeroAndWaitChecksItsWord()
    {
        using var guest = new TestGuest();
        var timeout = guest.Buffer + 0x100;
        guest.Write(timeout, new byte[16]);  // { 0 s, 0 ns }: give up at once
        Assert.Equal(0, guest.Call(202, guest.Buffer.Value, 1 | 128, 1));
        Assert.Equal(-Errno.EAGAIN, guest.Call(202, guest.Buffer.Value, 0, 5));
        Assert.Equal(-Errno.ETIMEDOUT, guest.Call(202, guest.Buffer.Value, 0, 0, timeout.Value));
        Assert.Equal(-Errno.EFAULT, guest.Call(202, 0x10, 0, 0));
        Assert.Equal(-Errno.EINVAL, guest.Call(202, guest.Buffer.Value + 1, 0, 0));
    }

    [Theory]
    [InlineData(2)]                 // FUTEX_FD, gone from Linux
    [InlineData(14)]
    [InlineData(99)]
    [InlineData(99 | 128)]
    [InlineData(1 | 256)]           // FUTEX_WAKE with FUTEX_CLOCK_REALTIME
    [InlineData(0 | 256)]           // FUTEX_WAIT with FUTEX_CLOCK_REALTIME: only WAIT_BITSET takes it
    public void Futex_UnknownOperation_ReturnsEnosysWhateverTheAddress(int operation)
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.ENOSYS, guest.Call(202, guest.Buffer.Value, (ulong)operation, 1));
        Assert.Equal(-Errno.ENOSYS, guest.Call(202, guest.Buffer.Value + 1, (ulong)operation, 1));
        Assert.Equal(-Errno.ENOSYS, guest.Call(202, 0x10, (ulong)operation, 1));
    }

    [Fact]
    public void Futex_WaitOnMatchingWord_EndsWhenTheVmStops()
    {
        using var guest = new TestGuest();
        using var stop = new Timer(_ => guest.Process.RequestStop(), null, TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);
        Assert.Equal(-Errno.EINTR, guest.Call(202, guest.Buffer.Value, 0, 0));
    }
}
