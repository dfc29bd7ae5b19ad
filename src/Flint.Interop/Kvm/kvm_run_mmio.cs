namespace Flint.Interop.Kvm;

/// <summary>The <c>mmio</c> member of <c>kvm_run</c>'s exit union (KVM_EXIT_MMIO).</summary>
public struct kvm_run_mmio
{
    public ulong phys_addr;
    public ulong data;
    public uint len;
    public byte is_write;
}
