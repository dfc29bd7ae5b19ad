using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary>&lt;sys/wait.h&gt; and <c>kill(2)</c>: waiting for, reaping and signalling a child.</summary>
internal static unsafe partial class Wait
{
    public const int P_PID = 1;
    public const int WEXITED = 4;
    public const int WNOWAIT = 0x01000000;

    /// <summary>The size of <c>siginfo_t</c>.</summary>
    public const int SiginfoSize = 128;

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    public static partial int waitid(int idtype, int id, void* info, int options);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    /// <summary>The exit status, or 128 plus the signal number for a child a signal ended (as shells report it).</summary>
    public static int ExitCode(int status) => (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
}
