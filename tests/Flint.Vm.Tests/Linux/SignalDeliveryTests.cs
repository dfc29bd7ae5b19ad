using Flint.Vm.Linux;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Memory;
using Flint.Vm.Tests.Fakes;
using L = Flint.Vm.Linux.Abi.SignalFrameLayout;

namespace Flint.Vm.Tests.Linux;

public sealed class SignalDeliveryTests
{
    private const ulong Handler = 0x40_1000;
    private const ulong Restorer = 0x40_2000;

    [Fact]
    public void Deliver_SiginfoHandler_BuildsRtSigframeAndEntersHandler()
    {
        using var guest = new TestGuest();
        Install(guest, Signal.SIGSEGV, Signal.SA_SIGINFO | Signal.SA_RESTORER, mask: Signal.Bit(Signal.SIGUSR1));
        ref var ctx = ref guest.Process.Context;
        SetDistinctRegisters(ref ctx);
        var before = ctx;

        Assert.True(SignalDelivery.Deliver(guest.Process, new SignalInfo(Signal.SIGSEGV, Signal.SEGV_MAPERR, 0xdead, true, 14, 4, 0xdead)));

        Assert.Equal(Handler, ctx.rip);
        Assert.Equal(0UL, (ctx.rsp + 8) % 16);  // as if entered by a call
        Assert.True(ctx.rsp < before.rsp - 128, "frame below the red zone");
        Assert.Equal((ulong)Signal.SIGSEGV, ctx.rdi);
        Assert.Equal(ctx.rsp + L.SigInfoOffset, ctx.rsi);
        Assert.Equal(ctx.rsp + L.UContextOffset, ctx.rdx);
        Assert.Equal(Restorer, guest.Read<ulong>(new GuestAddress(ctx.rsp)));
        var gregs = new GuestAddress(ctx.rdx + L.UcGregs);
        Assert.Equal(before.rip, guest.Read<ulong>(gregs + (L.Rip * 8)));
        Assert.Equal(before.rsp, guest.Read<ulong>(gregs + (L.Rsp * 8)));
        Assert.Equal(before.rax, guest.Read<ulong>(gregs + (L.Rax * 8)));
        Assert.Equal(before.r15, guest.Read<ulong>(gregs + (L.R15 * 8)));
        Assert.Equal(14UL, guest.Read<ulong>(gregs + (L.TrapNo * 8)));
        Assert.Equal(0xdeadUL, guest.Read<ulong>(gregs + (L.Cr2 * 8)));
        Assert.Equal(Signal.SIGSEGV, guest.Read<int>(new GuestAddress(ctx.rsi + L.SiSigno)));
        Assert.Equal(Signal.SEGV_MAPERR, guest.Read<int>(new GuestAddress(ctx.rsi + L.SiCode)));
        Assert.Equal(0xdeadUL, guest.Read<ulong>(new GuestAddress(ctx.rsi + L.SiAddr)));
        Assert.Equal(Signal.Bit(Signal.SIGSEGV) | Signal.Bit(Signal.SIGUSR1), guest.Process.Signals.BlockedMask);
    }

    [Fact]
    public void Return_AfterHandlerEditsRip_RestoresEverythingElse()
    {
        using var guest = new TestGuest();
        Install(guest, Signal.SIGFPE, Signal.SA_SIGINFO | Signal.SA_RESTORER);
        ref var ctx = ref guest.Process.Context;
        SetDistinctRegisters(ref ctx);
        var before = ctx;
        Assert.True(SignalDelivery.Deliver(guest.Process, new SignalInfo(Signal.SIGFPE, Signal.FPE_INTDIV, before.rip, true)));
        var ripSlot = new GuestAddress(ctx.rdx + L.UcGregs + (L.Rip * 8));
        Assert.True(guest.Memory.TryWrite(ripSlot, GuestAccess.Monitor, before.rip + 2));

        // The handler returns into the restorer: ret pops pretcode, so rt_sigreturn sees RSP at the ucontext.
        ctx.rsp += 8;
        var rax = SignalDelivery.Return(guest.Process);

        Assert.Equal(before.rax, (ulong)rax);
        Assert.Equal(before.rip + 2, ctx.rip);
        Assert.Equal(before.rsp, ctx.rsp);
        Assert.Equal(before.rbx, ctx.rbx);
        Assert.Equal(before.rcx, ctx.rcx);
        Assert.Equal(before.r11, ctx.r11);
        Assert.Equal(before.r15, ctx.r15);
        Assert.Equal(0UL, guest.Process.Signals.BlockedMask);
        Assert.False(guest.Process.HasExited);
    }

    [Fact]
    public void Return_CorruptFrame_KillsWithSigsegv()
    {
        using var guest = new TestGuest();
        guest.Process.Context.rsp = 0x10;
        SignalDelivery.Return(guest.Process);
        Assert.Equal(Signal.SIGSEGV, guest.Process.TerminatingSignal);
    }

    [Fact]
    public void Return_PrivilegedFlagsInFrame_AreNotRestored()
    {
        using var guest = new TestGuest();
        Install(guest, Signal.SIGTRAP, Signal.SA_RESTORER);
        ref var ctx = ref guest.Process.Context;
        ctx.rip = 0x40_0000;
        ctx.rflags = 0x202;
        Assert.True(SignalDelivery.Deliver(guest.Process, new SignalInfo(Signal.SIGTRAP)));
        var flagsSlot = new GuestAddress(ctx.rdx + L.UcGregs + (L.Eflags * 8));
        Assert.True(guest.Memory.TryWrite(flagsSlot, GuestAccess.Monitor, 0x3000UL | 0x1UL));  // IOPL 3 + CF
        ctx.rsp += 8;
        SignalDelivery.Return(guest.Process);
        Assert.Equal(0UL, ctx.rflags & 0x3000);
        Assert.Equal(0x203UL, ctx.rflags);
    }

    [Fact]
    public void Deliver_OnAlternateStack_UsesIt()
    {
        using var guest = new TestGuest();
        Install(guest, Signal.SIGSEGV, Signal.SA_SIGINFO | Signal.SA_RESTORER | Signal.SA_ONSTACK);
        var alt = guest.Buffer + 0x10000;
        guest.Process.Signals.AlternateStack = new SignalStack { Pointer = alt.Value, Size = 0x4000 };
        Assert.True(SignalDelivery.Deliver(guest.Process, new SignalInfo(Signal.SIGSEGV, Forced: true)));
        Assert.InRange(guest.Process.Context.rsp, alt.Value, alt.Value + 0x4000);
    }

    [Theory]
    [InlineData(Signal.SIGSEGV)]
    [InlineData(Signal.SIGFPE)]
    [InlineData(Signal.SIGILL)]
    public void Deliver_DefaultAction_KillsTheGuest(int signal)
    {
        using var guest = new TestGuest();
        Assert.False(SignalDelivery.Deliver(guest.Process, new SignalInfo(signal, Forced: true)));
        Assert.Equal(signal, guest.Process.TerminatingSignal);
        Assert.Equal(128 + signal, VmRunner.ToResult(guest.Process, Flint.Vm.Monitor.VcpuOutcome.Killed, false).ExitCode);
    }

    [Fact]
    public void Deliver_IgnoredAsynchronousSignal_DoesNothing()
    {
        using var guest = new TestGuest();
        guest.Process.Signals.Action(Signal.SIGPIPE).Handler = KernelSigaction.IgnoreHandler;
        var before = guest.Process.Context;
        Assert.True(SignalDelivery.Deliver(guest.Process, new SignalInfo(Signal.SIGPIPE)));
        Assert.Equal(before, guest.Process.Context);
        Assert.False(guest.Process.HasExited);
    }

    [Fact]
    public void Deliver_IgnoredOrBlockedFault_StillKills()
    {
        using var guest = new TestGuest();
        guest.Process.Signals.Action(Signal.SIGSEGV).Handler = KernelSigaction.IgnoreHandler;
        Assert.False(SignalDelivery.Deliver(guest.Process, new SignalInfo(Signal.SIGSEGV, Forced: true)));

        using var blocked = new TestGuest();
        Install(blocked, Signal.SIGFPE, Signal.SA_RESTORER);
        blocked.Process.Signals.BlockedMask = Signal.Bit(Signal.SIGFPE);
        Assert.False(SignalDelivery.Deliver(blocked.Process, new SignalInfo(Signal.SIGFPE, Forced: true)));
        Assert.Equal(Signal.SIGFPE, blocked.Process.TerminatingSignal);
    }

    [Fact]
    public void Deliver_NoRestorerOrUnwritableStack_KillsWithSigsegv()
    {
        using var guest = new TestGuest();
        Install(guest, Signal.SIGFPE, Signal.SA_SIGINFO);
        Assert.False(SignalDelivery.Deliver(guest.Process, new SignalInfo(Signal.SIGFPE, Forced: true)));
        Assert.Equal(Signal.SIGSEGV, guest.Process.TerminatingSignal);

        using var wild = new TestGuest();
        Install(wild, Signal.SIGFPE, Signal.SA_SIGINFO | Signal.SA_RESTORER);
        wild.Process.Context.rsp = 0x3000;
        Assert.False(SignalDelivery.Deliver(wild.Process, new SignalInfo(Signal.SIGFPE, Forced: true)));
        Assert.Equal(Signal.SIGSEGV, wild.Process.TerminatingSignal);
    }

    [Fact]
    public void Deliver_ResetHand_RestoresTheDefault()
    {
        using var guest = new TestGuest();
        Install(guest, Signal.SIGSEGV, Signal.SA_RESTORER | Signal.SA_RESETHAND);
        Assert.True(SignalDelivery.Deliver(guest.Process, new SignalInfo(Signal.SIGSEGV, Forced: true)));
        Assert.Equal(KernelSigaction.DefaultHandler, guest.Process.Signals.Action(Signal.SIGSEGV).Handler);
    }

    [Fact]
    public void Tgkill_Self_DeliversToTheHandler()
    {
        using var guest = new TestGuest();
        Install(guest, Signal.SIGABRT, Signal.SA_RESTORER);
        guest.Process.Context.rip = 0x40_0500;
        Assert.Equal(0, guest.Call(234, 1, 1, (ulong)Signal.SIGABRT));
        Assert.Equal(Handler, guest.Process.Context.rip);
        Assert.Equal((ulong)Signal.SIGABRT, guest.Process.Context.rdi);
    }

    [Fact]
    public void Tgkill_SelfWithDefaultAction_KillsTheGuest()
    {
        using var guest = new TestGuest();
        guest.Call(234, 1, 1, (ulong)Signal.SIGABRT);
        Assert.Equal(Signal.SIGABRT, guest.Process.TerminatingSignal);
    }

    private static void Install(TestGuest guest, int signal, ulong flags, ulong mask = 0)
        => guest.Process.Signals.Action(signal) = new KernelSigaction { Handler = Handler, Flags = flags, Restorer = Restorer, Mask = mask };

    private static void SetDistinctRegisters(ref Flint.Interop.Kvm.kvm_regs ctx)
    {
        ctx.rax = 0xA1;
        ctx.rbx = 0xB2;
        ctx.rcx = 0xC3;
        ctx.rdx = 0xD4;
        ctx.rsi = 0xE5;
        ctx.rdi = 0xF6;
        ctx.rbp = 0x1007;
        ctx.r8 = 0x88;
        ctx.r11 = 0x246;
        ctx.r15 = 0xFF15;
        ctx.rip = 0x40_0123;
        ctx.rflags = 0x246;
    }
}
