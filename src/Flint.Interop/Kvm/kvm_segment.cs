namespace Flint.Interop.Kvm;

/// <summary><c>struct kvm_segment</c>: a segment register with its hidden descriptor cache.</summary>
public struct kvm_segment
{
    public ulong @base;
    public uint limit;
    public ushort selector;
    public byte type;
    public byte present, dpl, db, s, l, g, avl;
    public byte unusable;
    public byte padding;
}
