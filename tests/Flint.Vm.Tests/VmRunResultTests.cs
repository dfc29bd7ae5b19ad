using Flint.Vm.Linux;
using Flint.Vm.Monitor;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests;

/// <summary>How a run's end is reported: a guest that dies after the monitor refused it memory past its limit ended for its memory.</summary>
public sealed class VmRunResultTests
{
    private const ulong Mmap = 9;
    private const ulong ReadWrite = 3;
    private const ulong PrivateAnonymous = 0x22;

    [Fact]
    public void ToResult_KilledAfterAMappingPastTheLimit_ReportsMemoryLimitExceeded()
    {
        using var guest = GuestRefusedMemory();
        guest.Process.Kill(Signal.SIGABRT);

        var result = VmRunner.ToResult(guest.Process, VcpuOutcome.Killed, false);

        Assert.True(result.MemoryLimitExceeded);
        Assert.Equal(Signal.SIGABRT, result.Signal);
    }

    [Fact]
    public void ToResult_FailingExitAfterAMappingPastTheLimit_ReportsMemoryLimitExceeded()
    {
        using var guest = GuestRefusedMemory();
        guest.Process.Exit(2);

        Assert.True(VmRunner.ToResult(guest.Process, VcpuOutcome.Exited, false).MemoryLimitExceeded);
    }

    [Fact]
    public void ToResult_CleanExitAfterAMappingPastTheLimit_IsNoMemoryEnd()
    {
        using var guest = GuestRefusedMemory();
        guest.Process.Exit(0);

        Assert.False(VmRunner.ToResult(guest.Process, VcpuOutcome.Exited, false).MemoryLimitExceeded);
    }

    [Fact]
    public void ToResult_StoppedAfterAMappingPastTheLimit_IsNoMemoryEnd()
    {
        using var guest = GuestRefusedMemory();

        Assert.False(VmRunner.ToResult(guest.Process, VcpuOutcome.Stopped, false).MemoryLimitExceeded);
    }

    [Fact]
    public void ToResult_KilledWithinItsLimit_IsNoMemoryEnd()
    {
        using var guest = new TestGuest(memoryLimit: 16 << 20);
        Assert.True(guest.Call(Mmap, 0, 0x1000, ReadWrite, PrivateAnonymous, ulong.MaxValue, 0) > 0);
        guest.Process.Kill(Signal.SIGSEGV);

        Assert.False(VmRunner.ToResult(guest.Process, VcpuOutcome.Killed, false).MemoryLimitExceeded);
    }

    /// <summary>A 16 MiB guest whose mmap of 16 MiB more was answered ENOMEM.</summary>
    private static TestGuest GuestRefusedMemory()
    {
        var guest = new TestGuest(memoryLimit: 16 << 20);
        Assert.Equal(-Flint.Interop.Libc.Errno.ENOMEM, guest.Call(Mmap, 0, 16 << 20, ReadWrite, PrivateAnonymous, ulong.MaxValue, 0));
        return guest;
    }
}
