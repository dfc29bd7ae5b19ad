using Flint.Interop.Libc;
using Flint.Vm.Linux;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Memory;
using Flint.Vm.Tests.Fakes;
using Signal = Flint.Vm.Linux.Signal;

namespace Flint.Vm.Tests.Linux;

public sealed class SignalSyscallsTests
{
    private const ulong RtSigaction = 13;
    private const ulong RtSigprocmask = 14;
    private const ulong Sigaltstack = 131;

    [Fact]
    public void RtSigaction_SetThenGet_RoundTrips()
    {
        using var guest = new TestGuest();
        var action = new KernelSigaction { Handler = 0x401000, Flags = Signal.SA_SIGINFO | Signal.SA_RESTORER, Restorer = 0x401100, Mask = 0x5 };
        Assert.True(guest.Memory.TryWrite(guest.Buffer, GuestAccess.Monitor, action));
        Assert.Equal(0, guest.Call(RtSigaction, Signal.SIGSEGV, guest.Buffer.Value, 0, 8));
        Assert.Equal(0, guest.Call(RtSigaction, Signal.SIGSEGV, 0, guest.Buffer.Value + 64, 8));
        Assert.Equal(action, guest.Read<KernelSigaction>(guest.Buffer + 64));
    }

    [Theory]
    [InlineData(0UL, 8UL)]
    [InlineData(65UL, 8UL)]
    [InlineData((ulong)Signal.SIGKILL, 8UL)]
    [InlineData((ulong)Signal.SIGSTOP, 8UL)]
    [InlineData(11UL, 16UL)]
    [InlineData(ulong.MaxValue, 8UL)]
    public void RtSigaction_BadSignalOrSetSize_ReturnsEinval(ulong signal, ulong setSize)
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EINVAL, guest.Call(RtSigaction, signal, guest.Buffer.Value, 0, setSize));
    }

    [Fact]
    public void RtSigaction_WildPointers_ReturnEfault()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EFAULT, guest.Call(RtSigaction, 11, 0x2000, 0, 8));
        Assert.Equal(-Errno.EFAULT, guest.Call(RtSigaction, 11, 0, guest.ReadOnlyPage.Value, 8));
        Assert.Equal(0UL, guest.Process.Signals.Action(11).Handler);
    }

    [Fact]
    public void RtSigprocmask_BlockUnblockSetmask_UpdatesTheMask()
    {
        using var guest = new TestGuest();
        Assert.True(guest.Memory.TryWrite(guest.Buffer, GuestAccess.Monitor, 0b1010UL));
        Assert.Equal(0, guest.Call(RtSigprocmask, SignalSyscalls.SIG_BLOCK, guest.Buffer.Value, 0, 8));
        Assert.Equal(0b1010UL, guest.Process.Signals.BlockedMask);
        Assert.True(guest.Memory.TryWrite(guest.Buffer, GuestAccess.Monitor, 0b0010UL));
        Assert.Equal(0, guest.Call(RtSigprocmask, SignalSyscalls.SIG_UNBLOCK, guest.Buffer.Value, guest.Buffer.Value + 8, 8));
        Assert.Equal(0b1010UL, guest.Read<ulong>(guest.Buffer + 8));
        Assert.Equal(0b1000UL, guest.Process.Signals.BlockedMask);
        Assert.True(guest.Memory.TryWrite(guest.Buffer, GuestAccess.Monitor, ulong.MaxValue));
        Assert.Equal(0, guest.Call(RtSigprocmask, SignalSyscalls.SIG_SETMASK, guest.Buffer.Value, 0, 8));
        Assert.Equal(0UL, guest.Process.Signals.BlockedMask & Signal.Bit(Signal.SIGKILL));
        Assert.Equal(0UL, guest.Process.Signals.BlockedMask & Signal.Bit(Signal.SIGSTOP));
    }

    [Fact]
    public void RtSigprocmask_BadHowSizeOrPointer_Fails()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EINVAL, guest.Call(RtSigprocmask, 7, guest.Buffer.Value, 0, 8));
        Assert.Equal(-Errno.EINVAL, guest.Call(RtSigprocmask, 0, guest.Buffer.Value, 0, 4));
        Assert.Equal(-Errno.EFAULT, guest.Call(RtSigprocmask, 0, 0x10, 0, 8));
        Assert.Equal(-Errno.EFAULT, guest.Call(RtSigprocmask, 0, 0, guest.ReadOnlyPage.Value, 8));
    }

    [Fact]
    public void Sigaltstack_SetQueryDisable_FollowsLinux()
    {
        using var guest = new TestGuest();
        var stack = new SignalStack { Pointer = guest.Buffer.Value + 0x10000, Size = 0x8000 };
        Assert.True(guest.Memory.TryWrite(guest.Buffer, GuestAccess.Monitor, stack));
        Assert.Equal(0, guest.Call(Sigaltstack, guest.Buffer.Value, 0));
        Assert.Equal(0, guest.Call(Sigaltstack, 0, guest.Buffer.Value + 64));
        var current = guest.Read<SignalStack>(guest.Buffer + 64);
        Assert.Equal(stack.Pointer, current.Pointer);
        Assert.Equal(stack.Size, current.Size);
        Assert.Equal(0, current.Flags);

        Assert.True(guest.Memory.TryWrite(guest.Buffer, GuestAccess.Monitor, new SignalStack { Flags = Signal.SS_DISABLE }));
        Assert.Equal(0, guest.Call(Sigaltstack, guest.Buffer.Value, 0));
        Assert.Equal(Signal.SS_DISABLE, guest.Process.Signals.AlternateStack.Flags);
    }

    [Fact]
    public void Sigaltstack_TooSmallOrBadFlags_Fails()
    {
        using var guest = new TestGuest();
        Assert.True(guest.Memory.TryWrite(guest.Buffer, GuestAccess.Monitor, new SignalStack { Pointer = guest.Buffer.Value, Size = 100 }));
        Assert.Equal(-Errno.ENOMEM, guest.Call(Sigaltstack, guest.Buffer.Value, 0));
        Assert.True(guest.Memory.TryWrite(guest.Buffer, GuestAccess.Monitor, new SignalStack { Pointer = guest.Buffer.Value, Size = 8192, Flags = 0x40 }));
        Assert.Equal(-Errno.EINVAL, guest.Call(Sigaltstack, guest.Buffer.Value, 0));
        Assert.Equal(-Errno.EFAULT, guest.Call(Sigaltstack, 0x10, 0));
    }
}
