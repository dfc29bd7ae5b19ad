namespace Flint.Interop.Kvm;

/// <summary><c>struct kvm_cpuid_entry2</c>.</summary>
public struct kvm_cpuid_entry2
{
    public uint function;
    public uint index;
    public uint flags;
    public uint eax, ebx, ecx, edx;
    public uint padding0, padding1, padding2;
}
