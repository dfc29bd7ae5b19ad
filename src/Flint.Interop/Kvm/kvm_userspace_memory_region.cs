namespace Flint.Interop.Kvm;

/// <summary><c>struct kvm_userspace_memory_region</c>: one guest-physical memory slot.</summary>
public struct kvm_userspace_memory_region
{
    public uint slot;
    public uint flags;
    public ulong guest_phys_addr;
    public ulong memory_size;
    public ulong userspace_addr;
}
