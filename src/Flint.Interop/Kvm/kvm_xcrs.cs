using System.Runtime.CompilerServices;

namespace Flint.Interop.Kvm;

/// <summary><c>struct kvm_xcrs</c>: extended control registers (XCR0).</summary>
public struct kvm_xcrs
{
    public uint nr_xcrs;
    public uint flags;
    public XcrArray xcrs;
    public PaddingArray padding;

    /// <summary><c>struct kvm_xcr xcrs[KVM_MAX_XCRS]</c>.</summary>
    [InlineArray(16)]
    public struct XcrArray
    {
        private kvm_xcr _element;
    }

    /// <summary><c>__u64 padding[16]</c>.</summary>
    [InlineArray(16)]
    public struct PaddingArray
    {
        private ulong _element;
    }
}
