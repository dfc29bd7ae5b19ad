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
    [Fact]
    public void Step_Syscall_EmulatesAndResumesAtTheReturnAddress()
    {
        using var guest = new TestGuest();
        guest.WriteString(guest.Buffer, "hi\n");
        guest.Vcpu.Enqueue(v => Syscall(v, 1, 1, guest.Buffer.Value, 3));
        var loop = Loop(guest, out _);

        Assert.Equal(VcpuOutcome.Continue, loop.Step());

        Assert.Equal("hi\n", Encoding.UTF8.GetString(guest.Stdout.ToArray()));
        ref var regs = ref guest.Vcpu.Registers;
        Assert.Equal(3UL, regs.rax);
        Assert.Equal(0x40_1234UL, regs.rip);
        Assert.Equal(0x7F_0000UL, regs.rsp);
        Assert.Equal(0x1111UL, regs.rbx);
        Assert.Equal(0x246UL, regs.rflags);
        Assert.Equal(1, guest.Vcpu.Commits);
    }

    [Theory]
    [InlineData(0x3246UL, 0x246UL)]           // IOPL 3 is dropped
    [InlineData(0x26_4ED7UL, 0x24_0ED7UL)]    // NT and VM are dropped; ID, AC and the arithmetic flags kept
    [InlineData(0x0UL, 0x202UL)]              // IF and the reserved bit are always on
    public void Step_SyscallWithForgedFlags_ResumesWithSanitizedFlags(ulong userFlags, ulong expected)
    {
        using var guest = new TestGuest();
        guest.Vcpu.Enqueue(v =>
        {
            var exit = Syscall(v, 39);
            v.Registers.rflags = v.Registers.r11 = userFlags;
            return exit;
        });
        Assert.Equal(VcpuOutcome.Continue, Loop(guest, out _).Step());
        Assert.Equal(expected, guest.Vcpu.Registers.rflags);
    }

    [Fact]
    public void Step_StopRequestedBeforeTheVcpuHeardOfIt_ReturnsStoppedWithoutEnteringTheGuest()
    {
        using var guest = new TestGuest();

        // Were the guest entered, it would exit with a status of its own (as one whose write a timeout cut short did).
        guest.Vcpu.Enqueue(v => Syscall(v, 231, 1));
        var loop = Loop(guest, out _);
        guest.Process.RequestStop();

        Assert.Equal(VcpuOutcome.Stopped, loop.Step());
        Assert.Null(guest.Process.ExitCode);
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
        var userRsp = guest.Space.StackTop.Value - 0x1000;
        guest.Vcpu.Enqueue(v => Exception(v, ExceptionVector.PageFault, errorCode: 4, rip: 0x40_2000, rsp: userRsp, address: 0x8));
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
        guest.Vcpu.Enqueue(v => Exception(v, ExceptionVector.DivideError, errorCode: 0, rip: 0x40_2000, rsp: 0x7F_0000));
        var loop = Loop(guest, out _);

        Assert.Equal(VcpuOutcome.Killed, loop.Step());
        var result = VmRunner.ToResult(guest.Process, VcpuOutcome.Killed, false);
        Assert.Equal(128 + Signal.SIGFPE, result.ExitCode);
        Assert.Equal(Signal.SIGFPE, result.Signal);
    }

    [Theory]
    [InlineData((int)VcpuExitKind.Shutdown, (int)VcpuOutcome.Killed)]
    [InlineData((int)VcpuExitKind.UnbackedMemory, (int)VcpuOutcome.Killed)]
    [InlineData((int)VcpuExitKind.Stopped, (int)VcpuOutcome.Stopped)]
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
    public void Step_MunmapOfMappedPage_FlushesTranslationsBeforeTheNextRun()
    {
        using var guest = new TestGuest();
        guest.Vcpu.Enqueue(v => Syscall(v, 11, guest.Buffer.Value, 4096));
        guest.Vcpu.Enqueue(v =>
        {
            Assert.Equal(1, v.Flushes);  // dropped before the guest ran again
            return Syscall(v, 39);
        });
        var loop = Loop(guest, out _);

        Assert.Equal(VcpuOutcome.Continue, loop.Step());
        Assert.False(guest.Space.NeedsFlush);
        Assert.Equal(VcpuOutcome.Continue, loop.Step());
        Assert.Equal(1, guest.Vcpu.Flushes);
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

    /// <summary>A syscall exit as every platform reports it: RIP at the return address, which SYSCALL also left in RCX, and RFLAGS in R11.</summary>
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
        r.rip = r.rcx = rcx;
        r.rflags = r.r11 = 0x246;
        r.rbx = 0x1111;
        if (r.rsp == 0)
        {
            r.rsp = 0x7F_0000;
        }

        return VcpuExit.Syscall;
    }

    /// <summary>An exception exit: the context at the faulting instruction, with the vector's error code and address.</summary>
    private static VcpuExit Exception(FakeVcpu vcpu, int vector, ulong errorCode, ulong rip, ulong rsp, ulong address = 0)
    {
        ref var r = ref vcpu.Registers;
        r.rip = rip;
        r.rsp = rsp;
        r.rflags = 0x246;
        r.rbx = 0x1111;
        return VcpuExit.Fault(vector, errorCode, address);
    }
}
