namespace Flint.Interop.Kvm;

/// <summary><c>struct kvm_dtable</c>: GDTR or IDTR.</summary>
public struct kvm_dtable
{
    public ulong @base;
    public ushort limit;
    public ushort padding0, padding1, padding2;
}
