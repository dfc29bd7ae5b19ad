using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary>
/// <c>pidfd_open(2)</c> and <c>pidfd_send_signal(2)</c>: a descriptor that names one process for as long as it is
/// open, so a signal sent through it reaches that process or none, never a later one that got the same pid.
/// </summary>
internal static unsafe partial class Pidfd
{
    [LibraryImport("libc", EntryPoint = "pidfd_open", SetLastError = true)]
    public static partial int pidfd_open(int pid, uint flags);

    /// <summary>The siginfo argument may be null (then the signal looks as <c>kill(2)</c> sent it).</summary>
    [LibraryImport("libc", EntryPoint = "pidfd_send_signal", SetLastError = true)]
    public static partial int pidfd_send_signal(int pidfd, int signal, void* info, uint flags);
}
