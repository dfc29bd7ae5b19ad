namespace Flint.Interop.Kvm;

/// <summary><c>struct kvm_msr_entry</c>.</summary>
public struct kvm_msr_entry
{
    public uint index;
    public uint reserved;
    public ulong data;
}
