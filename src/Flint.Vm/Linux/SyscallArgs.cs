using Flint.Interop.Kvm;

namespace Flint.Vm.Linux;

/// <summary>A syscall's number and six arguments, in the registers of the x86-64 syscall ABI.</summary>
internal readonly record struct SyscallArgs(ulong Number, ulong A0, ulong A1 = 0, ulong A2 = 0, ulong A3 = 0, ulong A4 = 0, ulong A5 = 0)
{
    public static SyscallArgs From(in kvm_regs regs) => new(regs.rax, regs.rdi, regs.rsi, regs.rdx, regs.r10, regs.r8, regs.r9);
}
