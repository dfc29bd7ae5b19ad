using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary>&lt;signal.h&gt;: thread signal masks, waiting for and sending signals.</summary>
internal static unsafe partial class Signal
{
    public const int SIGUSR2 = 12;
    public const int SIG_BLOCK = 0;
    public const int SIG_UNBLOCK = 1;
    public const int SIG_SETMASK = 2;

    [LibraryImport("libc", EntryPoint = "sigemptyset", SetLastError = true)]
    public static partial int sigemptyset(sigset_t* set);

    [LibraryImport("libc", EntryPoint = "sigaddset", SetLastError = true)]
    public static partial int sigaddset(sigset_t* set, int signum);

    [LibraryImport("libc", EntryPoint = "sigdelset", SetLastError = true)]
    public static partial int sigdelset(sigset_t* set, int signum);

    /// <summary>Returns an error number (not -1 and errno).</summary>
    [LibraryImport("libc", EntryPoint = "pthread_sigmask")]
    public static partial int pthread_sigmask(int how, sigset_t* set, sigset_t* oldset);

    /// <summary>The siginfo argument may be null.</summary>
    [LibraryImport("libc", EntryPoint = "sigtimedwait", SetLastError = true)]
    public static partial int sigtimedwait(sigset_t* set, void* info, timespec* timeout);

    [LibraryImport("libc", EntryPoint = "tgkill", SetLastError = true)]
    public static partial int tgkill(int tgid, int tid, int sig);
}
