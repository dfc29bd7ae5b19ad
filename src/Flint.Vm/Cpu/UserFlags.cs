namespace Flint.Vm.Cpu;

/// <summary>
/// The RFLAGS a user context may carry into the guest, whatever asked for them (R11 at a syscall, a signal frame,
/// a platform's exit): the arithmetic flags, TF, DF, RF, AC and ID as the guest set them; IF always on; IOPL 0,
/// and NT, VM, VIF and VIP always off. Linux's FIX_EFLAGS plus ID.
/// </summary>
internal static class UserFlags
{
    public const ulong Interrupt = 0x200;

    /// <summary>CF PF AF ZF SF TF DF OF, RF, AC, ID.</summary>
    public const ulong Changeable = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x400 | 0x800 | 0x1_0000 | 0x4_0000 | 0x20_0000;

    /// <summary>Bit 1 always reads as one.</summary>
    public const ulong Reserved = 0x2;

    public static ulong Sanitize(ulong rflags) => (rflags & Changeable) | Interrupt | Reserved;
}
