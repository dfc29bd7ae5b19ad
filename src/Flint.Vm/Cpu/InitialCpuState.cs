using Flint.Interop.Kvm;

namespace Flint.Vm.Cpu;

/// <summary>
/// The vCPU state before the first KVM_RUN: long mode with paging, already at CPL 3 (guest code started at CPL 0
/// would run in KVM's instruction emulator on PVM hosts), the GDT/IDT/TSS of <see cref="Layout"/>, and the
/// SYSCALL MSRs pointing at the user stub.
/// </summary>
internal static class InitialCpuState
{
    public static kvm_sregs SpecialRegisters(GuestAddress pageTableRoot)
    {
        var sregs = default(kvm_sregs);
        var code = new kvm_segment
        {
            limit = 0xFFFF_FFFF,
            selector = Layout.UserCodeSelector,
            type = 11,
            present = 1,
            dpl = 3,
            s = 1,
            l = 1,
            g = 1,
        };
        var data = new kvm_segment
        {
            limit = 0xFFFF_FFFF,
            selector = Layout.UserDataSelector,
            type = 3,
            present = 1,
            dpl = 3,
            db = 1,
            s = 1,
            g = 1,
        };
        var nullData = data;
        nullData.selector = 0;
        sregs.cs = code;
        sregs.ds = sregs.es = sregs.ss = data;
        sregs.fs = sregs.gs = nullData;
        sregs.tr = new kvm_segment { @base = Layout.TssAddress, limit = Tss.Size - 1, selector = Layout.TssSelector, type = 11, present = 1 };
        sregs.ldt = new kvm_segment { type = 2, unusable = 1 };
        sregs.gdt = new kvm_dtable { @base = Layout.GdtAddress, limit = (Layout.GdtEntries * 8) - 1 };
        sregs.idt = new kvm_dtable { @base = Layout.IdtAddress, limit = (Layout.IdtVectors * 16) - 1 };
        sregs.cr0 = ControlRegisters.Cr0;
        sregs.cr3 = pageTableRoot.Value;
        sregs.cr4 = ControlRegisters.Cr4;
        sregs.efer = ControlRegisters.Efer;
        return sregs;
    }

    /// <summary>
    /// STAR: SYSRET selectors (user code32 0x23 so CS = 0x33, SS = 0x2b) and SYSCALL CS 0x10; LSTAR: the stub;
    /// SFMASK 0: RFLAGS is left alone, so the stub runs with the user's flags.
    /// </summary>
    public static (uint Index, ulong Value)[] ModelSpecificRegisters() =>
    [
        (Msr.Star, ((ulong)(Layout.UserDataSelector - 8) << 48) | ((ulong)Layout.KernelCodeSelector << 32)),
        (Msr.Lstar, Layout.UserStubPage + Layout.SyscallStubOffset),
        (Msr.SyscallFlagMask, 0),
    ];

    public static kvm_regs Registers(GuestAddress entry, GuestAddress stackPointer)
        => new() { rip = entry.Value, rsp = stackPointer.Value, rflags = Layout.InitialRflags };
}
