namespace Flint.Interop.Unicorn;

/// <summary>&lt;unicorn/x86.h&gt;: the register ids, instruction id and CPU model the emulated vCPU uses.</summary>
internal static class UnicornX86
{
    public const int UC_X86_REG_RAX = 35;
    public const int UC_X86_REG_RBP = 36;
    public const int UC_X86_REG_RBX = 37;
    public const int UC_X86_REG_RCX = 38;
    public const int UC_X86_REG_RDI = 39;
    public const int UC_X86_REG_RDX = 40;
    public const int UC_X86_REG_RIP = 41;
    public const int UC_X86_REG_RSI = 43;
    public const int UC_X86_REG_RSP = 44;
    public const int UC_X86_REG_CR0 = 50;
    public const int UC_X86_REG_CR2 = 52;
    public const int UC_X86_REG_CR3 = 53;
    public const int UC_X86_REG_CR4 = 54;
    public const int UC_X86_REG_R8 = 106;
    public const int UC_X86_REG_R9 = 107;
    public const int UC_X86_REG_R10 = 108;
    public const int UC_X86_REG_R11 = 109;
    public const int UC_X86_REG_R12 = 110;
    public const int UC_X86_REG_R13 = 111;
    public const int UC_X86_REG_R14 = 112;
    public const int UC_X86_REG_R15 = 113;
    public const int UC_X86_REG_XMM0 = 122;
    public const int UC_X86_REG_FPCW = 246;
    public const int UC_X86_REG_MSR = 248;
    public const int UC_X86_REG_MXCSR = 249;
    public const int UC_X86_REG_FS_BASE = 250;
    public const int UC_X86_REG_RFLAGS = 253;

    /// <summary><c>uc_x86_insn</c> id of <c>syscall</c>, for a <see cref="Unicorn.UC_HOOK_INSN"/> hook.</summary>
    public const int UC_X86_INS_SYSCALL = 699;

    /// <summary><c>uc_cpu_x86</c>: a CPU model with SSE4.2, POPCNT, AVX and AVX2, what NativeAOT code may assume.</summary>
    public const int UC_CPU_X86_HASWELL = 19;
}
