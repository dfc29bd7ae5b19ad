using Flint.Interop.Kvm;
using Flint.Vm.Cpu;
using Flint.Vm.Kvm;
using Flint.Vm.Memory;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Kvm;

/// <summary>Doorbells decoded into typed exits and user contexts, and the resume path of each trap, over real guest memory.</summary>
public sealed class KvmTrapsTests
{
    private static readonly GuestAddress SyscallDoorbell = new(Layout.DoorbellPage);

    [Fact]
    public void Decode_SyscallAtCpl3_IsASyscallResumedDirectly()
    {
        using var guest = new TestGuest();
        var regs = SyscallRegisters();

        var exit = KvmTraps.Decode(SyscallDoorbell, 3, 0, guest.Memory, ref regs, out var resume);

        Assert.Equal(VcpuExitKind.Syscall, exit.Kind);
        Assert.Equal(KvmResumePath.Direct, resume);
        Assert.Equal(0x40_1234UL, regs.rip);
        Assert.Equal(0x246UL, regs.rflags);
        Assert.Equal(0x7F_0000UL, regs.rsp);
    }

    [Fact]
    public void PrepareResume_SyscallAtCpl0_WritesTheIretFrame()
    {
        using var guest = new TestGuest();
        var regs = SyscallRegisters();
        KvmTraps.Decode(SyscallDoorbell, 0, 0, guest.Memory, ref regs, out var resume);
        Assert.Equal(KvmResumePath.ThroughIret, resume);

        Assert.True(KvmTraps.PrepareResume(resume, guest.Memory, ref regs));

        Assert.Equal(Layout.KernelStubPage + Layout.IretStubOffset, regs.rip);
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
    public void Decode_EachTrapDecidesItsOwnPath_AUserJumpFirstDoesNotLatch()
    {
        // A guest that first jumps to the stub itself (CPL 3) must not make a later real syscall at CPL 0 skip the iretq.
        using var guest = new TestGuest();
        var first = SyscallRegisters();
        KvmTraps.Decode(SyscallDoorbell, 3, 0, guest.Memory, ref first, out var firstPath);
        var second = SyscallRegisters();
        KvmTraps.Decode(SyscallDoorbell, 0, 0, guest.Memory, ref second, out var secondPath);

        Assert.Equal(KvmResumePath.Direct, firstPath);
        Assert.Equal(KvmResumePath.ThroughIret, secondPath);
    }

    [Fact]
    public void Decode_PageFaultFrameOnTheIstStack_ReportsVectorErrorAndAddress()
    {
        using var guest = new TestGuest();
        var regs = ExceptionRegisters(guest, ExceptionVector.PageFault, errorCode: 6, rip: 0x40_2000, rsp: 0x7F_1000);

        var exit = KvmTraps.Decode(Doorbell(ExceptionVector.PageFault), 3, 0xdead_0000, guest.Memory, ref regs, out var resume);

        Assert.Equal(VcpuExit.Fault(ExceptionVector.PageFault, 6, 0xdead_0000), exit);
        Assert.Equal(KvmResumePath.Direct, resume);
        Assert.Equal(0x40_2000UL, regs.rip);
        Assert.Equal(0x7F_1000UL, regs.rsp);
        Assert.Equal(0x246UL, regs.rflags);
    }

    [Fact]
    public void Decode_DivideErrorFrame_HasNoErrorCodeAndNoAddress()
    {
        using var guest = new TestGuest();
        var regs = ExceptionRegisters(guest, ExceptionVector.DivideError, errorCode: null, rip: 0x40_2000, rsp: 0x7F_1000);

        var exit = KvmTraps.Decode(Doorbell(ExceptionVector.DivideError), 3, 0x1234, guest.Memory, ref regs, out _);

        Assert.Equal(VcpuExit.Fault(ExceptionVector.DivideError), exit);
    }

    [Theory]
    [InlineData(ulong.MaxValue - 8)]       // outside memory
    [InlineData(Layout.GdtAddress)]        // a supervisor page: the guest must not read the GDT back as a frame
    [InlineData(Layout.ExceptionStackTop - 64)]  // on the IST stack, but not where the CPU pushes
    public void Decode_ExceptionDoorbellWithForgedFrame_IsAPageFaultOnTheDoorbell(ulong rsp)
    {
        using var guest = new TestGuest();
        var regs = new kvm_regs { rsp = rsp, rip = 0x40_2000 };
        var doorbell = Doorbell(ExceptionVector.GeneralProtection);

        var exit = KvmTraps.Decode(doorbell, 3, 0, guest.Memory, ref regs, out _);

        Assert.Equal(VcpuExitKind.Exception, exit.Kind);
        Assert.Equal(ExceptionVector.PageFault, exit.Vector);
        Assert.Equal(doorbell.Value, exit.FaultAddress);
        Assert.Equal(rsp, regs.rsp);
    }

    [Theory]
    [InlineData(Layout.DoorbellPage + 4)]                 // not a slot boundary
    [InlineData(Layout.DoorbellPage + (8 * 20))]          // unused slot
    [InlineData(Layout.DoorbellPage + (8 * 100))]         // past the exception slots
    public void Decode_UnknownDoorbell_IsAPageFault(ulong address)
    {
        using var guest = new TestGuest();
        var regs = SyscallRegisters();

        var exit = KvmTraps.Decode(new GuestAddress(address), 3, 0, guest.Memory, ref regs, out _);

        Assert.Equal(VcpuExit.Fault(ExceptionVector.PageFault, PageFaultError.Present | PageFaultError.Write | PageFaultError.User, address), exit);
    }

    private static GuestAddress Doorbell(int vector) => new(Layout.DoorbellPage + (8 * (ulong)(Layout.ExceptionDoorbellBase + vector)));

    /// <summary>What the registers look like when the LSTAR stub rang: SYSCALL put the return RIP in RCX and RFLAGS in R11.</summary>
    private static kvm_regs SyscallRegisters() => new()
    {
        rax = 39,
        rcx = 0x40_1234,
        r11 = 0x246,
        rbx = 0x1111,
        rsp = 0x7F_0000,
        rip = Layout.UserStubPage + 11,
    };

    /// <summary>What the registers look like when a vector's stub rang: the CPU pushed the frame on the IST1 stack.</summary>
    private static kvm_regs ExceptionRegisters(TestGuest guest, int vector, ulong? errorCode, ulong rip, ulong rsp)
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

        return new kvm_regs { rsp = at.Value, rbx = 0x1111, rip = Layout.UserStubPage + Layout.ExceptionStubOffset + ((ulong)vector * 16) + 11 };
    }
}
