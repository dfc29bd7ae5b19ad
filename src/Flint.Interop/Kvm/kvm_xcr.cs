namespace Flint.Interop.Kvm;

/// <summary><c>struct kvm_xcr</c>.</summary>
public struct kvm_xcr
{
    public uint xcr;
    public uint reserved;
    public ulong value;
}
