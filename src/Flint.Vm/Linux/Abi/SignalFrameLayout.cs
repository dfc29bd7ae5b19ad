namespace Flint.Vm.Linux.Abi;

/// <summary>
/// Offsets of the x86-64 <c>rt_sigframe</c> the kernel builds on a signal: <c>pretcode</c> (the restorer the
/// handler returns to), <c>ucontext</c>, <c>siginfo</c>. The <c>ucontext</c>'s mcontext is <c>sigcontext</c>:
/// 23 general registers in glibc's REG_* order, the fpstate pointer, 8 reserved words; then the signal mask.
/// </summary>
internal static class SignalFrameLayout
{
    public const int PretcodeOffset = 0;
    public const int UContextOffset = 8;
    public const int UContextSize = 304;
    public const int SigInfoOffset = UContextOffset + UContextSize;
    public const int SigInfoSize = 128;
    public const int FrameSize = SigInfoOffset + SigInfoSize;

    // Within ucontext.
    public const int UcFlags = 0;
    public const int UcLink = 8;
    public const int UcStack = 16;
    public const int UcGregs = 40;
    public const int UcFpregs = UcGregs + (GregCount * 8);
    public const int UcSigmask = 296;

    // Within siginfo.
    public const int SiSigno = 0;
    public const int SiErrno = 4;
    public const int SiCode = 8;
    public const int SiAddr = 16;

    // glibc REG_* indices into gregs.
    public const int GregCount = 23;
    public const int R8 = 0;
    public const int R9 = 1;
    public const int R10 = 2;
    public const int R11 = 3;
    public const int R12 = 4;
    public const int R13 = 5;
    public const int R14 = 6;
    public const int R15 = 7;
    public const int Rdi = 8;
    public const int Rsi = 9;
    public const int Rbp = 10;
    public const int Rbx = 11;
    public const int Rdx = 12;
    public const int Rax = 13;
    public const int Rcx = 14;
    public const int Rsp = 15;
    public const int Rip = 16;
    public const int Eflags = 17;
    public const int CsGsFs = 18;
    public const int Err = 19;
    public const int TrapNo = 20;
    public const int OldMask = 21;
    public const int Cr2 = 22;
}
