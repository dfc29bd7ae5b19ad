using System.Text;
using Flint.Vm.Cpu;
using Flint.Vm.Linux;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Memory;
using Flint.Vm.Monitor;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Monitor;

/// <summary>The trap path and the loop's switch, driven by a fake vCPU over real guest memory.</summary>
public sealed class VcpuLoopTests
{
    private static readonly GuestAddress SyscallDoorbell = new(Layout.DoorbellPage);

    [Fact]
    public void Step_SyscallDoorbellAtCpl3_EmulatesAndResumesAtRcx()
    {
        using var guest = new TestGuest();
        guest.WriteString(guest.Buffer, "hi\n");
        guest.Vcpu.Enqueue(v => Syscall(v, 1, 1, guest.Buffer.Value, 3));
        var loop = Loop(guest, out var traps);

        Assert.Equal(VcpuOutcome.Continue, loop.Step());

        Assert.Equal("hi\n", Encoding.UTF8.GetString(guest.Stdout.ToArray()));
        Assert.Equal(SyscallStubMode.UserStub, traps.SyscallMode);
        ref var regs = ref guest.Vcpu.Registers;
        Assert.Equal(3UL, regs.rax);
        Assert.Equal(0x40_1234UL, regs.rip);
        Assert.Equal(0x7F_0000UL, regs.rsp);
        Assert.Equal(0x1111UL, regs.rbx);
        Assert.Equal(0x246UL, regs.rflags);
        Assert.Equal(1, guest.Vcpu.Commits);
    }

    [Fact]
    public void Step_SyscallDoorbellAtCpl0_ResumesThroughIretFrame()
    {
        using var guest = new TestGuest();
        guest.Vcpu.CodePrivilegeLevel = 0;
        guest.Vcpu.Enqueue(v => Syscall(v, 39));
        var loop = Loop(guest, out var traps);

        Assert.Equal(VcpuOutcome.Continue, loop.Step());

        Assert.Equal(SyscallStubMode.KernelStub, traps.SyscallMode);
        ref var regs = ref guest.Vcpu.Registers;
        Assert.Equal(Layout.KernelStubPage + Layout.IretStubOffset, regs.rip);
        Assert.Equal((ulong)LinuxIdentity.ProcessId, regs.rax);
        Assert.Equal(0x1111UL, regs.rbx);
        var frame = new GuestAddress(regs.rsp);
        Assert.Equal(Layout.KernelStackTop - 40, frame.Value);
        Assert.Equal(0x40_1234UL, guest.Read<ulong>(frame));
        Assert.Equal((ulong)Layout.UserCodeSelector, guest.Read<ulong>(frame + 8));
        Assert.Equal(0x246UL, guest.Read<ulong>(frame + 16));
        Assert.Equal(0x7F_0000UL, guest.Read<ulong>(frame + 24));
        Assert.Equal((ulong)Layout.UserDataSelector, guest.Read<ulong>(frame + 32));
    }

    [Fact]
    public void RunToCompletion_ExitGroup_ReturnsExitedWithCode()
    {
        using var guest = new TestGuest();
        guest.Vcpu.Enqueue(v => Syscall(v, 39));
        guest.Vcpu.Enqueue(v => Syscall(v, 231, 42));
        var loop = Loop(guest, out _);

        Assert.Equal(VcpuOutcome.Exited, loop.RunToCompletion());
        var result = VmRunner.ToResult(guest.Process, VcpuOutcome.Exited, false);
        Assert.Equal(42, result.ExitCode);
        Assert.Null(result.Signal);
        Assert.Equal(2, result.Report.TotalCalls);
    }

    [Fact]
    public void Step_PageFaultWithHandler_DeliversSignalThenSigreturnResumes()
    {
        using var guest = new TestGuest();
        guest.Process.Signals.Action(Signal.SIGSEGV) = new KernelSigaction
        {
            Handler = 0x40_5000,
            Flags = Signal.SA_SIGINFO | Signal.SA_RESTORER,
            Restorer = 0x40_6000,
        };
        guest.Vcpu.FaultAddress = 0x8;
        var userRsp = guest.Space.StackTop.Value - 0x1000;
        guest.Vcpu.Enqueue(v => Exception(guest, v, ExceptionVector.PageFault, errorCode: 4, rip: 0x40_2000, rsp: userRsp));
        var loop = Loop(guest, out _);

        Assert.Equal(VcpuOutcome.Continue, loop.Step());
        var handlerRsp = guest.Vcpu.Registers.rsp;
        Assert.Equal(0x40_5000UL, guest.Vcpu.Registers.rip);
        Assert.Equal((ulong)Signal.SIGSEGV, guest.Vcpu.Registers.rdi);
        Assert.Equal(0x8UL, guest.Read<ulong>(new GuestAddress(guest.Vcpu.Registers.rsi + SignalFrameLayout.SiAddr)));
        Assert.Equal(1, guest.Process.Report.Exceptions);

        // The handler skips the faulting instruction, returns into the restorer, which calls rt_sigreturn.
        var ripSlot = new GuestAddress(guest.Vcpu.Registers.rdx + SignalFrameLayout.UcGregs + (SignalFrameLayout.Rip * 8));
        Assert.True(guest.Memory.TryWrite(ripSlot, GuestAccess.Monitor, 0x40_2002UL));
        guest.Vcpu.Enqueue(v =>
        {
            v.Registers.rsp = handlerRsp + 8;
            return Syscall(v, 15, rcx: 0x40_6002);
        });
        Assert.Equal(VcpuOutcome.Continue, loop.Step());
        Assert.Equal(0x40_2002UL, guest.Vcpu.Registers.rip);
        Assert.Equal(userRsp, guest.Vcpu.Registers.rsp);
        Assert.Equal(0x1111UL, guest.Vcpu.Registers.rbx);
    }

    [Fact]
    public void Step_DivideErrorWithoutHandler_KillsWithSigfpe()
    {
        using var guest = new TestGuest();
        guest.Vcpu.Enqueue(v => Exception(guest, v, ExceptionVector.DivideError, errorCode: null, rip: 0x40_2000, rsp: 0x7F_0000));
        var loop = Loop(guest, out _);

        Assert.Equal(VcpuOutcome.Killed, loop.Step());
        var result = VmRunner.ToResult(guest.Process, VcpuOutcome.Killed, false);
        Assert.Equal(128 + Signal.SIGFPE, result.ExitCode);
        Assert.Equal(Signal.SIGFPE, result.Signal);
    }

    [Fact]
    public void Step_ExceptionFrameOutsideMemory_KillsOnlyTheGuest()
    {
        using var guest = new TestGuest();
        guest.Vcpu.Enqueue(v =>
        {
            v.Registers.rsp = ulong.MaxValue - 8;
            return new VcpuExit(VcpuExitKind.Doorbell, new GuestAddress(Layout.DoorbellPage + (8 * (ulong)(Layout.ExceptionDoorbellBase + 13))));
        });
        Assert.Equal(VcpuOutcome.Killed, Loop(guest, out _).Step());
        Assert.Equal(Signal.SIGSEGV, guest.Process.TerminatingSignal);
    }

    [Theory]
    [InlineData(Layout.DoorbellPage + 4)]                 // not a slot boundary
    [InlineData(Layout.DoorbellPage + (8 * 20))]          // unused slot
    [InlineData(Layout.DoorbellPage + (8 * 100))]         // past the exception slots
    public void Step_UnknownDoorbell_KillsTheGuest(ulong address)
    {
        using var guest = new TestGuest();
        guest.Vcpu.Enqueue(_ => new VcpuExit(VcpuExitKind.Doorbell, new GuestAddress(address)));
        Assert.Equal(VcpuOutcome.Killed, Loop(guest, out _).Step());
        Assert.True(guest.Process.TerminatingSignal is Signal.SIGBUS or Signal.SIGSYS);
    }

    [Theory]
    [InlineData((int)VcpuExitKind.Shutdown, (int)VcpuOutcome.Killed)]
    [InlineData((int)VcpuExitKind.UnbackedMemory, (int)VcpuOutcome.Killed)]
    [InlineData((int)VcpuExitKind.Interrupted, (int)VcpuOutcome.Stopped)]
    [InlineData((int)VcpuExitKind.Failed, (int)VcpuOutcome.Failed)]
    public void Step_OtherExits_MapToOutcomes(int kind, int expected)
    {
        using var guest = new TestGuest();
        guest.Vcpu.Enqueue(_ => new VcpuExit((VcpuExitKind)kind));
        Assert.Equal((VcpuOutcome)expected, Loop(guest, out _).Step());
    }

    [Fact]
    public void RunToCompletion_StopRequested_ReturnsStoppedAndTimeoutResult()
    {
        using var guest = new TestGuest();
        guest.Vcpu.Enqueue(v => Syscall(v, 39));
        guest.Vcpu.Enqueue(v =>
        {
            v.RequestStop();
            return Syscall(v, 39);
        });
        Assert.Equal(VcpuOutcome.Stopped, Loop(guest, out _).RunToCompletion());
        var result = VmRunner.ToResult(guest.Process, VcpuOutcome.Stopped, timedOut: true);
        Assert.True(result.TimedOut);
        Assert.Equal(137, result.ExitCode);
    }

    [Fact]
    public void Step_MunmapOfMappedPage_FlushesTranslationsBeforeResuming()
    {
        using var guest = new TestGuest();
        guest.Vcpu.Enqueue(v => Syscall(v, 11, guest.Buffer.Value, 4096));
        Assert.Equal(VcpuOutcome.Continue, Loop(guest, out _).Step());
        Assert.Equal(1, guest.Vcpu.Flushes);
        Assert.False(guest.Space.NeedsFlush);
    }

    [Fact]
    public void Step_HostileSyscallArguments_NeverThrow()
    {
        using var guest = new TestGuest();
        var random = new Random(1234);
        var loop = Loop(guest, out _);
        for (var i = 0; i < 2000; i++)
        {
            var number = (ulong)random.Next(0, 340);
            if (number is 60 or 231 or 15 or 62 or 234)
            {
                continue;  // exits, sigreturn and self-signals legitimately end or redirect the guest
            }

            ulong Arg() => random.Next(4) switch
            {
                0 => (ulong)random.NextInt64(),
                1 => ulong.MaxValue - (ulong)random.Next(64),
                2 => guest.Buffer.Value + (ulong)random.Next(0, 1 << 21),
                _ => (ulong)random.Next(0, 100),
            };
            var args = (Arg(), Arg(), Arg(), Arg(), Arg(), Arg());
            guest.Vcpu.Enqueue(v => Syscall(v, number, args.Item1, args.Item2, args.Item3, args.Item4, args.Item5, args.Item6));
            Assert.Equal(VcpuOutcome.Continue, loop.Step());
        }
    }

    private static VcpuLoop Loop(TestGuest guest, out TrapHandler traps)
    {
        traps = new TrapHandler(guest.Vcpu, guest.Process, guest.Table);
        return new VcpuLoop(guest.Vcpu, traps, guest.Process);
    }

    /// <summary>What the registers look like when the LSTAR stub rang: SYSCALL put the return RIP in RCX and RFLAGS in R11.</summary>
    private static VcpuExit Syscall(FakeVcpu vcpu, ulong number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0, ulong rcx = 0x40_1234)
    {
        ref var r = ref vcpu.Registers;
        r.rax = number;
        r.rdi = a0;
        r.rsi = a1;
        r.rdx = a2;
        r.r10 = a3;
        r.r8 = a4;
        r.r9 = a5;
        r.rcx = rcx;
        r.r11 = 0x246;
        r.rbx = 0x1111;
        if (r.rsp == 0)
        {
            r.rsp = 0x7F_0000;
        }

        r.rip = Layout.UserStubPage + 11;
        return new VcpuExit(VcpuExitKind.Doorbell, SyscallDoorbell);
    }

    /// <summary>What the registers look like when a vector's stub rang: the CPU pushed the frame on the IST1 stack.</summary>
    private static VcpuExit Exception(TestGuest guest, FakeVcpu vcpu, int vector, ulong? errorCode, ulong rip, ulong rsp)
    {
        var frame = new List<ulong>();
        if (errorCode is { } error)
        {
            frame.Add(error);
        }

        frame.AddRange([rip, Layout.UserCodeSelector, 0x246, rsp, Layout.UserDataSelector]);
        var at = new GuestAddress(Layout.ExceptionStackTop - ((ulong)frame.Count * 8));
        for (var i = 0; i < frame.Count; i++)
        {
            Assert.True(guest.Memory.TryWrite(at + ((ulong)i * 8), GuestAccess.Monitor, frame[i]));
        }

        ref var r = ref vcpu.Registers;
        r.rsp = at.Value;
        r.rbx = 0x1111;
        r.rip = Layout.UserStubPage + Layout.ExceptionStubOffset + ((ulong)vector * 16) + 11;
        return new VcpuExit(VcpuExitKind.Doorbell, new GuestAddress(Layout.DoorbellPage + (8 * (ulong)(Layout.ExceptionDoorbellBase + vector))));
    }
}
