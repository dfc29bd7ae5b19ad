namespace Flint.Interop.Kvm;

/// <summary><c>struct kvm_msrs</c>: the header, followed in memory by <c>nmsrs</c> <see cref="kvm_msr_entry"/>.</summary>
public struct kvm_msrs
{
    public uint nmsrs;
    public uint pad;
}
