namespace Flint.Vm.Cpu;

/// <summary>Control-register and EFER bits of the guest's long-mode setup.</summary>
internal static class ControlRegisters
{
    // CR0: PE, MP, ET, NE, WP, AM, PG.
    public const ulong Cr0 = 0x8005_0033;

    // CR4: PAE (5), OSFXSR (9), OSXMMEXCPT (10), FSGSBASE (16), OSXSAVE (18). No SMEP/SMAP: see TrapStubs.
    public const ulong Cr4 = (1 << 5) | (1 << 9) | (1 << 10) | (1 << 16) | (1 << 18);

    // EFER: SCE (0), LME (8), LMA (10), NXE (11).
    public const ulong Efer = 1 | (1 << 8) | (1 << 10) | (1 << 11);

    /// <summary>XCR0 wanted: x87, SSE, AVX, AVX-512 state (opmask, ZMM_Hi256, Hi16_ZMM), limited to what the CPU supports.</summary>
    public const ulong Xcr0Wanted = 0xE7;
}
