namespace Flint.Interop.Kvm;

/// <summary>&lt;linux/kvm.h&gt; ioctl numbers, capabilities and exit reasons (x86-64).</summary>
public static class Kvm
{
    public const int KVM_API_VERSION = 12;

    // System ioctls (on the /dev/kvm fd).
    public const uint KVM_GET_API_VERSION = 0xAE00;
    public const uint KVM_CREATE_VM = 0xAE01;
    public const uint KVM_CHECK_EXTENSION = 0xAE03;
    public const uint KVM_GET_VCPU_MMAP_SIZE = 0xAE04;
    public const uint KVM_GET_SUPPORTED_CPUID = 0xC008AE05;

    // VM ioctls.
    public const uint KVM_CREATE_VCPU = 0xAE41;
    public const uint KVM_SET_USER_MEMORY_REGION = 0x4020AE46;

    // vCPU ioctls.
    public const uint KVM_RUN = 0xAE80;
    public const uint KVM_GET_REGS = 0x8090AE81;
    public const uint KVM_SET_REGS = 0x4090AE82;
    public const uint KVM_GET_SREGS = 0x8138AE83;
    public const uint KVM_SET_SREGS = 0x4138AE84;
    public const uint KVM_GET_MSRS = 0xC008AE88;
    public const uint KVM_SET_MSRS = 0x4008AE89;
    public const uint KVM_SET_SIGNAL_MASK = 0x4004AE8B;
    public const uint KVM_SET_CPUID2 = 0x4008AE90;
    public const uint KVM_SET_XCRS = 0x4188AEA7;
    public const uint KVM_GET_XSAVE = 0x9000AEA4;
    public const uint KVM_SET_XSAVE = 0x5000AEA5;

    /// <summary>sizeof(struct kvm_xsave): the legacy XSAVE area KVM_GET_XSAVE fills.</summary>
    public const int XsaveSize = 4096;

    // Capabilities (KVM_CHECK_EXTENSION).
    public const int KVM_CAP_USER_MEMORY = 3;
    public const int KVM_CAP_EXT_CPUID = 7;
    public const int KVM_CAP_XCRS = 56;
    public const int KVM_CAP_SYNC_REGS = 74;
    public const int KVM_CAP_IMMEDIATE_EXIT = 136;

    // kvm_run.exit_reason.
    public const uint KVM_EXIT_UNKNOWN = 0;
    public const uint KVM_EXIT_EXCEPTION = 1;
    public const uint KVM_EXIT_IO = 2;
    public const uint KVM_EXIT_DEBUG = 4;
    public const uint KVM_EXIT_HLT = 5;
    public const uint KVM_EXIT_MMIO = 6;
    public const uint KVM_EXIT_SHUTDOWN = 8;
    public const uint KVM_EXIT_FAIL_ENTRY = 9;
    public const uint KVM_EXIT_INTR = 10;
    public const uint KVM_EXIT_INTERNAL_ERROR = 17;

    /// <summary>kvm_run.internal.suberror: the instruction could not be emulated.</summary>
    public const uint KVM_INTERNAL_ERROR_EMULATION = 1;

    // kvm_run.kvm_valid_regs / kvm_dirty_regs.
    public const ulong KVM_SYNC_X86_REGS = 1;
    public const ulong KVM_SYNC_X86_SREGS = 2;
    public const ulong KVM_SYNC_X86_EVENTS = 4;
}
