namespace Flint.Interop.Kvm;

/// <summary><c>struct kvm_signal_mask</c>: the header, followed in memory by <c>len</c> bytes of kernel sigset.</summary>
public struct kvm_signal_mask
{
    public uint len;
}
