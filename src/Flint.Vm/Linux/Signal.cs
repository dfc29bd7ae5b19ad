namespace Flint.Vm.Linux;

/// <summary>Linux signal numbers, rt_sigaction flags and si_code values used by the monitor.</summary>
internal static class Signal
{
    public const int SIGILL = 4;
    public const int SIGTRAP = 5;
    public const int SIGABRT = 6;
    public const int SIGBUS = 7;
    public const int SIGFPE = 8;
    public const int SIGKILL = 9;
    public const int SIGUSR1 = 10;
    public const int SIGSEGV = 11;
    public const int SIGPIPE = 13;
    public const int SIGCHLD = 17;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;
    public const int SIGURG = 23;
    public const int SIGWINCH = 28;
    public const int SIGSYS = 31;
    public const int Max = 64;

    public const ulong SA_SIGINFO = 0x4;
    public const ulong SA_ONSTACK = 0x0800_0000;
    public const ulong SA_RESTORER = 0x0400_0000;
    public const ulong SA_NODEFER = 0x4000_0000;
    public const ulong SA_RESETHAND = 0x8000_0000;

    public const int SS_ONSTACK = 1;
    public const int SS_DISABLE = 2;
    public const int SS_AUTODISARM = unchecked((int)0x8000_0000);
    public const ulong MinSignalStackSize = 2048;

    public const int SI_KERNEL = 0x80;
    public const int SI_TKILL = -6;
    public const int ILL_ILLOPN = 2;
    public const int FPE_INTDIV = 1;
    public const int SEGV_MAPERR = 1;
    public const int SEGV_ACCERR = 2;
    public const int BUS_ADRALN = 1;
    public const int TRAP_BRKPT = 1;

    public static ulong Bit(int signal) => 1UL << (signal - 1);

    /// <summary>Signals whose default action is to be ignored; every other default terminates the guest.</summary>
    public static bool IgnoredByDefault(int signal) => signal is SIGCHLD or SIGCONT or SIGURG or SIGWINCH;
}
