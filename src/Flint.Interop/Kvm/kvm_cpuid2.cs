namespace Flint.Interop.Kvm;

/// <summary><c>struct kvm_cpuid2</c>: the header, followed in memory by <c>nent</c> <see cref="kvm_cpuid_entry2"/>.</summary>
public struct kvm_cpuid2
{
    public uint nent;
    public uint padding;
}
