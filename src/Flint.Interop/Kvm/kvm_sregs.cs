using System.Runtime.CompilerServices;

namespace Flint.Interop.Kvm;

/// <summary><c>struct kvm_sregs</c> (x86): segments, descriptor tables, control registers, EFER.</summary>
public struct kvm_sregs
{
    public kvm_segment cs, ds, es, fs, gs, ss;
    public kvm_segment tr, ldt;
    public kvm_dtable gdt, idt;
    public ulong cr0, cr2, cr3, cr4, cr8;
    public ulong efer;
    public ulong apic_base;
    public InterruptBitmap interrupt_bitmap;

    /// <summary><c>__u64 interrupt_bitmap[4]</c>.</summary>
    [InlineArray(4)]
    public struct InterruptBitmap
    {
        private ulong _element;
    }
}
