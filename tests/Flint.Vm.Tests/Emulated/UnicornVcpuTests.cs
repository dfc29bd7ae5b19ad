using Flint.Interop.Kvm;
using Flint.Vm.Cpu;
using Flint.Vm.Emulated;
using Flint.Vm.Memory;

namespace Flint.Vm.Tests.Emulated;

/// <summary>The emulated vCPU's typed exits, on hand-written code over real guest memory and page tables.</summary>
public sealed class UnicornVcpuTests : IDisposable
{
    private static readonly GuestAddress Code = new(0x40_0000);
    private static readonly GuestAddress ReadOnly = new(0x40_1000);
    private static readonly GuestAddress Missing = new(0x40_2000);
    private static readonly GuestAddress Stack = new(0x40_4000);
    private readonly GuestMemory _memory = new(Layout.MinGuestMemory);
    private readonly PageTables _tables;

    public UnicornVcpuTests()
    {
        _tables = new PageTables(_memory, noExecute: false);
        _tables.Map(Code, Layout.PageSize, PageFlags.Mapped | PageFlags.Read | PageFlags.Execute, user: true);
        _tables.Map(ReadOnly, Layout.PageSize, PageFlags.Mapped | PageFlags.Read, user: true);
        _tables.Map(new GuestAddress(Stack.Value - Layout.PageSize), Layout.PageSize, PageFlags.Mapped | PageFlags.Read | PageFlags.Write, user: true);
    }

    [Fact]
    public void Run_Syscall_ExitsWithRipAfterItAndHardwareRcxR11()
    {
        using var vcpu = Boot([0xB8, 39, 0, 0, 0, 0x0F, 0x05, 0xEB, 0xFE]);  // mov eax, 39; syscall; jmp $

        var exit = vcpu.Run();

        Assert.Equal(VcpuExitKind.Syscall, exit.Kind);
        Assert.Equal(Code.Value + 7, vcpu.Registers.rip);
        Assert.Equal(Code.Value + 7, vcpu.Registers.rcx);
        Assert.Equal(vcpu.Registers.rflags, vcpu.Registers.r11);
        Assert.Equal(39UL, vcpu.Registers.rax);
    }

    [Fact]
    public void Run_WriteToReadOnlyPage_IsAPageFaultWithPresentWriteUser()
    {
        using var vcpu = Boot([0xC6, 0x04, 0x25, 0x08, 0x10, 0x40, 0x00, 0x01]);  // movb $1, 0x401008

        var exit = vcpu.Run();

        Assert.Equal(VcpuExit.Fault(ExceptionVector.PageFault, PageFaultError.Present | PageFaultError.Write | PageFaultError.User, ReadOnly.Value + 8), exit);
        Assert.Equal(Code.Value, vcpu.Registers.rip);
    }

    [Fact]
    public void Run_ReadOfMissingPage_IsAPageFaultAtItsAddress()
    {
        using var vcpu = Boot([0x8A, 0x04, 0x25, 0x10, 0x20, 0x40, 0x00]);  // mov al, [0x402010]

        var exit = vcpu.Run();

        Assert.Equal(VcpuExitKind.Exception, exit.Kind);
        Assert.Equal(ExceptionVector.PageFault, exit.Vector);
        Assert.Equal(Missing.Value + 0x10, exit.FaultAddress);
        Assert.Equal(0UL, exit.ErrorCode & PageFaultError.Present);
        Assert.Equal(Code.Value, vcpu.Registers.rip);
    }

    [Fact]
    public void Run_Ud2_IsInvalidOpcodeAtTheInstruction()
    {
        using var vcpu = Boot([0x90, 0x0F, 0x0B]);  // nop; ud2

        Assert.Equal(VcpuExit.Fault(ExceptionVector.InvalidOpcode), vcpu.Run());
        Assert.Equal(Code.Value + 1, vcpu.Registers.rip);
    }

    [Fact]
    public void Run_RepeatedDivideErrors_StayDivideErrors()
    {
        using var vcpu = Boot([0x31, 0xC9, 0xF7, 0xF1]);  // xor ecx, ecx; div ecx
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(VcpuExit.Fault(ExceptionVector.DivideError), vcpu.Run());
            Assert.Equal(Code.Value + 2, vcpu.Registers.rip);
            vcpu.CommitRegisters();
        }
    }

    [Fact]
    public async Task Run_SpinningGuest_StopsWhenAnotherThreadAsks()
    {
        using var vcpu = Boot([0xEB, 0xFE]);  // jmp $
        // The other thread asks once the guest has run a slice, so the stop lands on a running guest.
        using var sliced = new ManualResetEventSlim();
        var stopper = Task.Run(() =>
        {
            sliced.Wait(TestContext.Current.CancellationToken);
            vcpu.RequestStop();
        }, TestContext.Current.CancellationToken);

        VcpuExit exit;
        var slices = 0;
        while ((exit = vcpu.Run()) == VcpuExit.Preempted)
        {
            slices++;  // each slice ends by instruction count so other threads could run; the loop goes on
            sliced.Set();
        }

        sliced.Set();  // lets the other thread end when the loop ended some other way
        await stopper;

        Assert.Equal(VcpuExit.Stopped, exit);
        Assert.True(slices > 0);
        Assert.Equal(VcpuExit.Stopped, vcpu.Run());
    }

    public void Dispose() => _memory.Dispose();

    private UnicornVcpu Boot(byte[] code)
    {
        Assert.True(_memory.TryWrite(Code, GuestAccess.Monitor, code));
        return new UnicornVcpu(_memory, _tables.Root, new kvm_regs { rip = Code.Value, rsp = Stack.Value, rflags = Layout.InitialRflags });
    }
}
