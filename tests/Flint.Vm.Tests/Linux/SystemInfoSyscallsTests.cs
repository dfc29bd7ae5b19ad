using System.Text;
using Flint.Interop.Libc;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux;

/// <summary>The small syscalls runtimes call at startup: affinity, membarrier, mlock, mempolicy, sysinfo, getrusage, prctl, madvise.</summary>
public sealed class SystemInfoSyscallsTests
{
    private const ulong Madvise = 28, Getrusage = 98, Sysinfo = 99, Mlock = 149, Mlockall = 151, Prctl = 157;
    private const ulong SchedGetaffinity = 204, SchedSetaffinity = 203, GetMempolicy = 239, SetMempolicy = 238, Getcpu = 309;
    private const ulong Membarrier = 324, Mlock2 = 325;

    [Fact]
    public void SchedGetaffinity_OneVcpu_ReturnsItsMask()
    {
        using var guest = new TestGuest();
        Assert.Equal(8, guest.Call(SchedGetaffinity, 0, 128, guest.Buffer.Value));
        Assert.Equal(1UL, guest.Read<ulong>(guest.Buffer));
        Assert.Equal(-Errno.EINVAL, guest.Call(SchedGetaffinity, 0, 4, guest.Buffer.Value));
        Assert.Equal(-Errno.ESRCH, guest.Call(SchedGetaffinity, 4242, 128, guest.Buffer.Value));
        Assert.Equal(-Errno.EFAULT, guest.Call(SchedGetaffinity, 0, 128, guest.ReadOnlyPage.Value));
        Assert.Equal(0, guest.Call(SchedSetaffinity, 0, 8, guest.Buffer.Value));
        guest.Write(guest.Buffer, [2, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Equal(-Errno.EINVAL, guest.Call(SchedSetaffinity, 0, 8, guest.Buffer.Value));
        Assert.Equal(0, guest.Call(Getcpu, guest.Buffer.Value, guest.Buffer.Value + 8, 0));
        Assert.Equal(0u, guest.Read<uint>(guest.Buffer));
    }

    [Fact]
    public void Membarrier_PrivateExpedited_NeedsRegistration()
    {
        using var guest = new TestGuest();
        Assert.Equal(0x7F, guest.Call(Membarrier, 0, 0));
        Assert.Equal(-Errno.EPERM, guest.Call(Membarrier, 8, 0));
        Assert.Equal(0, guest.Call(Membarrier, 16, 0));
        Assert.Equal(0, guest.Call(Membarrier, 8, 0));
        Assert.Equal(-Errno.EINVAL, guest.Call(Membarrier, 8, 1));
        Assert.Equal(-Errno.EINVAL, guest.Call(Membarrier, 1 << 10, 0));
    }

    [Fact]
    public void Mlock_MappedRangesOnly()
    {
        using var guest = new TestGuest();
        Assert.Equal(0, guest.Call(Mlock, guest.Buffer.Value + 5, 4096));
        Assert.Equal(-Errno.ENOMEM, guest.Call(Mlock, 0x10_0000_0000, 4096));
        Assert.Equal(0, guest.Call(Mlock2, guest.Buffer.Value, 4096, 1));
        Assert.Equal(-Errno.EINVAL, guest.Call(Mlock2, guest.Buffer.Value, 4096, 2));
        Assert.Equal(0, guest.Call(Mlockall, 3));
        Assert.Equal(-Errno.EINVAL, guest.Call(Mlockall, 0));
        Assert.Equal(-Errno.EINVAL, guest.Call(Mlockall, 4));
    }

    [Fact]
    public void Mempolicy_IsDefault()
    {
        using var guest = new TestGuest();
        guest.Write(guest.Buffer, [9, 9, 9, 9]);
        Assert.Equal(0, guest.Call(GetMempolicy, guest.Buffer.Value, 0, 0, 0, 0));
        Assert.Equal(0, guest.Read<int>(guest.Buffer));
        Assert.Equal(0, guest.Call(GetMempolicy, 0, guest.Buffer.Value + 8, 64, 0, 4));
        Assert.Equal(1UL, guest.Read<ulong>(guest.Buffer + 8));
        Assert.Equal(-Errno.EINVAL, guest.Call(GetMempolicy, 0, 0, 0, 0, 8));
        Assert.Equal(0, guest.Call(SetMempolicy, 0, 0, 0));
        Assert.Equal(-Errno.EINVAL, guest.Call(SetMempolicy, 99, 0, 0));
    }

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(ulong.MaxValue - 62)]
    [InlineData(32770UL)]
    public void GetMempolicy_MaskPastAPage_Invalid(ulong maxNode)
    {
        // Found by the guest-interface fuzzer: maxnode near 2^64 wrapped the mask length to 0 and threw.
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EINVAL, guest.Call(GetMempolicy, 0, guest.Buffer.Value, maxNode, 0, 0));
        Assert.Equal(0, guest.Call(GetMempolicy, 0, guest.Buffer.Value, 32769, 0, 4));
        Assert.Equal(0, guest.Call(GetMempolicy, 0, guest.Buffer.Value, 1, 0, 4));
    }

    [Fact]
    public void Sysinfo_TotalRamIsTheMemoryLimit()
    {
        using var guest = new TestGuest();
        Assert.Equal(0, guest.Call(Sysinfo, guest.Buffer.Value));
        Assert.Equal(TestGuest.MemorySize, guest.Read<ulong>(guest.Buffer + 32));
        Assert.True(guest.Read<ulong>(guest.Buffer + 40) < TestGuest.MemorySize);
        Assert.Equal(1u, guest.Read<uint>(guest.Buffer + 104));
        Assert.Equal(-Errno.EFAULT, guest.Call(Sysinfo, 0x10));
        Assert.Equal(0, guest.Call(Getrusage, 0, guest.Buffer.Value));
        Assert.Equal(-Errno.EINVAL, guest.Call(Getrusage, 7, guest.Buffer.Value));
    }

    [Fact]
    public void Prctl_Name_RoundTripsAndIsCut()
    {
        using var guest = new TestGuest();
        guest.WriteString(guest.Buffer, "a-very-long-thread-name");
        Assert.Equal(0, guest.Call(Prctl, 15, guest.Buffer.Value));
        Assert.Equal(0, guest.Call(Prctl, 16, guest.Buffer.Value + 64));
        Assert.Equal("a-very-long-thr\0", Encoding.ASCII.GetString(guest.ReadBytes(guest.Buffer + 64, 16)));
        Assert.Equal(-Errno.EINVAL, guest.Call(Prctl, 0x5356_4D41, 0, guest.Buffer.Value, 4096, guest.Buffer.Value));
        Assert.Equal(-Errno.EINVAL, guest.Call(Prctl, 12345));
    }

    [Fact]
    public void Madvise_Advice_CheckedAsLinux()
    {
        using var guest = new TestGuest();
        guest.Write(guest.Buffer, [1, 2, 3]);
        Assert.Equal(0, guest.Call(Madvise, guest.Buffer.Value, 4096, 14));      // MADV_HUGEPAGE
        Assert.Equal(1, guest.ReadBytes(guest.Buffer, 1)[0]);
        Assert.Equal(0, guest.Call(Madvise, guest.Buffer.Value, 4096, 8));       // MADV_FREE zeroes here
        Assert.Equal(0, guest.ReadBytes(guest.Buffer, 1)[0]);
        Assert.Equal(-Errno.EINVAL, guest.Call(Madvise, guest.Buffer.Value, 4096, 7));
        Assert.Equal(-Errno.EINVAL, guest.Call(Madvise, guest.Buffer.Value, 4096, 9));  // MADV_REMOVE on private memory
        Assert.Equal(-Errno.EPERM, guest.Call(Madvise, guest.Buffer.Value, 4096, 100));
    }
}
