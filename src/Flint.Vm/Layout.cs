namespace Flint.Vm;

/// <summary>
/// Every fixed address and size of a Flint guest, in one place. Guest-virtual addresses equal guest-physical
/// addresses (identity map), so each constant is both.
/// <code>
/// 0x0000_0000  null page, never mapped
/// 0x0000_1000  GDT                                  supervisor, read-only for the guest
/// 0x0000_2000  IDT (256 gates x 16 bytes)           supervisor
/// 0x0000_3000  TSS (RSP0, IST1)                     supervisor
/// 0x0000_4000  user trap stubs (syscall + vectors)  user, read+execute
/// 0x0000_5000  kernel trap stubs (iretq resume)     supervisor, execute
/// 0x0000_6000  exception stack (IST1), 8 KiB        user, read+write
/// 0x0000_8000  kernel stack (RSP0), 32 KiB          supervisor, read+write
/// 0x0010_0000  page-table pool, 3 MiB               supervisor
/// 0x0040_0000  user space: ELF image, brk heap, mmap area (top-down), stack (top of memory)
/// 0x7FFF_F000  doorbell page: mapped in the page tables, no memory slot behind it (KVM_EXIT_MMIO)
/// </code>
/// </summary>
internal static class Layout
{
    public const ulong PageSize = 4096;
    public const int PageShift = 12;

    public const ulong GdtAddress = 0x1000;
    public const ulong IdtAddress = 0x2000;
    public const ulong TssAddress = 0x3000;
    public const ulong UserStubPage = 0x4000;
    public const ulong KernelStubPage = 0x5000;
    public const ulong ExceptionStackBottom = 0x6000;
    public const ulong ExceptionStackTop = 0x8000;
    public const ulong KernelStackBottom = 0x8000;
    public const ulong KernelStackTop = 0x10000;
    public const ulong PageTablePool = 0x10_0000;
    public const ulong PageTablePoolSize = 0x30_0000;

    /// <summary>Lowest address the guest may map: ELF segments, brk and mmap live at or above it.</summary>
    public const ulong UserSpaceStart = 0x40_0000;

    /// <summary>Where a static-PIE image's first segment (p_vaddr 0) is placed.</summary>
    public const ulong PieLoadBase = 0x40_0000;

    /// <summary>
    /// Guest-physical page whose stores exit to the monitor; slot = (address - DoorbellPage) / 8. Below 2 GiB because
    /// the stubs address it with a sign-extended 32-bit displacement; at the end of the address space, so no slot backs it.
    /// </summary>
    public const ulong DoorbellPage = 0x7FFF_F000;

    /// <summary>Doorbell slot rung by the syscall entry stub.</summary>
    public const int SyscallDoorbellSlot = 0;

    /// <summary>Doorbell slot of exception vector v is ExceptionDoorbellBase + v.</summary>
    public const int ExceptionDoorbellBase = 32;

    /// <summary>Offset in the user stub page of the syscall entry (MSR_LSTAR).</summary>
    public const ulong SyscallStubOffset = 0;

    /// <summary>Offset in the user stub page of vector 0's stub; each vector's stub is <see cref="ExceptionStubStride"/> bytes.</summary>
    public const ulong ExceptionStubOffset = 0x100;

    public const ulong ExceptionStubStride = 16;

    /// <summary>Offset in the kernel stub page of the ring-0 <c>iretq</c> used to resume user code on VT-x/SVM.</summary>
    public const ulong IretStubOffset = 0;

    /// <summary>Size of the guest's main-thread stack, at the top of guest memory.</summary>
    public const ulong StackSize = 8 << 20;

    /// <summary>Guest memory bounds: the doorbell page and page-table pool put a ceiling on it.</summary>
    public const ulong MinGuestMemory = 16 << 20;

    public const ulong MaxGuestMemory = 1UL << 30;

    public const ulong DefaultGuestMemory = 256 << 20;

    /// <summary>
    /// Guest-physical (and, identity-mapped, virtual) space every VM has whatever its memory limit: runtimes reserve
    /// address space far beyond what they use. The host backs only pages the guest touches, page tables exist only
    /// for 2 MiB regions with an accessible page, and the memory limit bounds the accessible pages.
    /// Everything below the doorbell page: the .NET GC alone reserves five times its heap limit (up to half of
    /// RLIMIT_AS), glibc 64 MiB per malloc arena, every thread an 8 MiB stack.
    /// </summary>
    public const ulong AddressSpaceSize = DoorbellPage;

    // GDT selectors (the order SYSCALL/SYSRET expect: user data = STAR[63:48] + 8, user code = + 16).
    public const ushort KernelCodeSelector = 0x10;
    public const ushort KernelDataSelector = 0x18;
    public const ushort UserDataSelector = 0x2b;
    public const ushort UserCodeSelector = 0x33;
    public const ushort TssSelector = 0x40;

    /// <summary>GDT entries: null, unused, kernel code, kernel data, user code32, user data, user code64, unused, TSS (2 slots).</summary>
    public const int GdtEntries = 10;

    public const int IdtVectors = 256;

    /// <summary>RFLAGS of a fresh user context: IF and the always-one bit 1.</summary>
    public const ulong InitialRflags = 0x202;
}
