using System.Runtime.InteropServices;

namespace Flint.Interop.Kvm;

/// <summary>
/// <c>struct kvm_run</c> (x86), the page shared with KVM through <c>mmap</c> of a vCPU fd. The exit union
/// (256 bytes at offset 32) is declared member by member at the same offset; the sync-regs area starts at 304.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 2352)]
public struct kvm_run
{
    [FieldOffset(0)] public byte request_interrupt_window;
    [FieldOffset(1)] public byte immediate_exit;
    [FieldOffset(8)] public uint exit_reason;
    [FieldOffset(12)] public byte ready_for_interrupt_injection;
    [FieldOffset(13)] public byte if_flag;
    [FieldOffset(14)] public ushort flags;
    [FieldOffset(16)] public ulong cr8;
    [FieldOffset(24)] public ulong apic_base;
    [FieldOffset(32)] public kvm_run_mmio mmio;
    [FieldOffset(32)] public kvm_run_internal @internal;
    [FieldOffset(32)] public ulong fail_entry_hardware_entry_failure_reason;
    [FieldOffset(288)] public ulong kvm_valid_regs;
    [FieldOffset(296)] public ulong kvm_dirty_regs;
    [FieldOffset(304)] public kvm_sync_regs s;
}
