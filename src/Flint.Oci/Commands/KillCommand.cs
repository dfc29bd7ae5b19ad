using System.Runtime.InteropServices;
using Flint.Interop.Libc;
using Flint.Oci.Cli;
using Flint.Oci.State;

namespace Flint.Oci.Commands;

/// <summary>
/// <c>kill [--all] ID [SIGNAL]</c>: sends the signal (SIGTERM by default) to the container's monitor, its only
/// process, so <c>--all</c> changes nothing. SIGTERM, SIGINT, SIGHUP and SIGQUIT stop the guest and end the
/// container with 128 + the signal; SIGKILL ends it at once.
/// </summary>
internal static class KillCommand
{
    public static int Run(GlobalOptions options, IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(args, [], ["all", "a"]);
        var id = parsed.Id("kill");
        var signal = parsed.Positionals.Count > 1 ? SignalNumbers.Parse(parsed.Positionals[1]) : SignalNumbers.SIGTERM;
        var record = new StateStore(options.Root).Load(id);
        if (!MonitorProcess.IsAlive(record))
        {
            throw new OciException("container not running");
        }

        if (Wait.kill(record.Pid, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new OciException(errno == Errno.ESRCH ? "container not running" : $"could not signal the container: {Errno.Name(errno)}");
        }

        return 0;
    }
}
