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
    private const ulong Kill = 62;
    private const ulong Sigaltstack = 131;
    private const ulong Tkill = 200;
    private const ulong Tgkill = 234;
    private const ulong Handler = 0x40_1000;

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

    [Theory]
    [InlineData(Kill, LinuxIdentity.ProcessId, 0UL)]
    [InlineData(Kill, 0UL, 0UL)]
    [InlineData(Tgkill, LinuxIdentity.ProcessId, LinuxIdentity.ProcessId)]
    [InlineData(Tkill, LinuxIdentity.ProcessId, 0UL)]
    public void SendToItself_Blocked_StaysPendingUntilUnblocked(ulong number, ulong first, ulong second)
    {
        using var guest = new TestGuest();
        guest.Process.Signals.Action(Signal.SIGUSR1) = new KernelSigaction { Handler = Handler, Flags = Signal.SA_RESTORER, Restorer = Handler + 0x100 };
        guest.Process.Signals.BlockedMask = Signal.Bit(Signal.SIGUSR1);
        var before = guest.Process.Context;
        var signalArgument = number == Tgkill ? 2 : 1;
        ulong[] args = [first, second, 0];
        args[signalArgument] = (ulong)Signal.SIGUSR1;

        Assert.Equal(0, guest.Call(number, args[0], args[1], args[2]));
        Assert.Equal(0, guest.Call(number, args[0], args[1], args[2]));

        Assert.Equal(before.rip, guest.Process.Context.rip);
        Assert.Equal(before.rsp, guest.Process.Context.rsp);
        Assert.Equal(Signal.Bit(Signal.SIGUSR1), guest.Process.Thread.PendingSignals);
        Assert.Equal(0, guest.Process.Thread.TakePending(guest.Process.Signals.BlockedMask));
        Assert.Equal(Signal.SIGUSR1, guest.Process.Thread.TakePending(0));
        Assert.Equal(0UL, guest.Process.Thread.PendingSignals);
    }

    [Fact]
    public void Kill_Unblocked_EntersTheHandlerAtOnce()
    {
        using var guest = new TestGuest();
        guest.Process.Signals.Action(Signal.SIGUSR1) = new KernelSigaction { Handler = Handler, Flags = Signal.SA_RESTORER, Restorer = Handler + 0x100 };

        Assert.Equal(0, guest.Call(Kill, LinuxIdentity.ProcessId, (ulong)Signal.SIGUSR1));

        Assert.Equal(Handler, guest.Process.Context.rip);
        Assert.Equal(0UL, guest.Process.Thread.PendingSignals);
    }

    [Theory]
    [InlineData(Kill, 4242UL, 10UL, 0UL, -Errno.ESRCH)]
    [InlineData(Kill, 4242UL, 65UL, 0UL, -Errno.ESRCH)]
    [InlineData(Kill, LinuxIdentity.ProcessId, 65UL, 0UL, -Errno.EINVAL)]
    [InlineData(Kill, LinuxIdentity.ProcessId, ulong.MaxValue, 0UL, -Errno.EINVAL)]
    [InlineData(Kill, LinuxIdentity.ProcessId, 0UL, 0UL, 0L)]
    [InlineData(Tgkill, 4242UL, LinuxIdentity.ProcessId, 10UL, -Errno.ESRCH)]
    [InlineData(Tgkill, LinuxIdentity.ProcessId, 4242UL, 10UL, -Errno.ESRCH)]
    [InlineData(Tgkill, LinuxIdentity.ProcessId, LinuxIdentity.ProcessId, 65UL, -Errno.EINVAL)]
    [InlineData(Tgkill, 0UL, LinuxIdentity.ProcessId, 10UL, -Errno.EINVAL)]
    [InlineData(Tgkill, ulong.MaxValue, LinuxIdentity.ProcessId, 10UL, -Errno.EINVAL)]
    [InlineData(Tgkill, LinuxIdentity.ProcessId, 0UL, 10UL, -Errno.EINVAL)]
    [InlineData(Tgkill, LinuxIdentity.ProcessId, 0xFFFF_FFFFUL, 10UL, -Errno.EINVAL)]
    [InlineData(Tgkill, 0x1_0000_0001UL, LinuxIdentity.ProcessId, 0UL, 0L)]
    [InlineData(Tkill, 4242UL, 10UL, 0UL, -Errno.ESRCH)]
    [InlineData(Tkill, 0UL, 10UL, 0UL, -Errno.EINVAL)]
    [InlineData(Tkill, LinuxIdentity.ProcessId, 65UL, 0UL, -Errno.EINVAL)]
    public void KillTgkillTkill_NoSuchTargetOrBadArgument_FailAsLinux(ulong number, ulong a0, ulong a1, ulong a2, long expected)
    {
        using var guest = new TestGuest();
        var before = guest.Process.Context;

        Assert.Equal(expected, guest.Call(number, a0, a1, a2));

        Assert.Equal(before.rip, guest.Process.Context.rip);
        Assert.Equal(0UL, guest.Process.Thread.PendingSignals);
        Assert.False(guest.Process.HasExited);
    }

    [Fact]
    public void Sigaltstack_ChangeOrDisableWhileOnIt_ReturnsEpermAndReportsOnStack()
    {
        using var guest = new TestGuest();
        var stack = new SignalStack { Pointer = guest.Buffer.Value + 0x10000, Size = 0x8000 };
        Assert.True(guest.Memory.TryWrite(guest.Buffer, GuestAccess.Monitor, stack));
        Assert.Equal(0, guest.Call(Sigaltstack, guest.Buffer.Value, 0));
        guest.Process.Context.rsp = stack.Pointer + 0x4000;
        Assert.True(guest.Memory.TryWrite(guest.Buffer + 32, GuestAccess.Monitor, new SignalStack { Flags = Signal.SS_DISABLE }));

        Assert.Equal(-Errno.EPERM, guest.Call(Sigaltstack, guest.Buffer.Value, guest.Buffer.Value + 64));
        Assert.Equal(-Errno.EPERM, guest.Call(Sigaltstack, guest.Buffer.Value + 32, 0));

        Assert.Equal(Signal.SS_ONSTACK, guest.Read<SignalStack>(guest.Buffer + 64).Flags);
        Assert.Equal(stack.Pointer, guest.Process.Signals.AlternateStack.Pointer);
        Assert.Equal(0, guest.Process.Signals.AlternateStack.Flags);
    }
}
