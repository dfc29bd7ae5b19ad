namespace Flint.Interop.Kvm;

/// <summary>The <c>internal</c> member of <c>kvm_run</c>'s exit union (KVM_EXIT_INTERNAL_ERROR), first data word only.</summary>
public struct kvm_run_internal
{
    public uint suberror;
    public uint ndata;
    public ulong data0;
}
