using System.Runtime.InteropServices;

namespace Flint.Runtimes.Process;

/// <summary>Sends a signal to a process (<c>kill(2)</c>); .NET's Process can only send SIGKILL.</summary>
internal static partial class PosixSignals
{
    private const int Sigterm = 15;

    /// <summary>Asks the process to terminate; false when it no longer exists.</summary>
    public static bool Terminate(int pid) => Kill(pid, Sigterm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
