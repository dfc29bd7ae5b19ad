using Flint.Interop.Libc;
using Flint.Oci.Cli;
using Flint.Oci.Sandbox;
using Flint.Oci.State;

namespace Flint.Oci.Commands;

/// <summary>
/// <c>delete [--force] ID</c>: removes a stopped or created container (a created one's monitor is killed, as runc
/// does), with its cgroup and state. A running container needs <c>--force</c>, which kills it first; with
/// <c>--force</c> an unknown id is not an error.
/// </summary>
internal static class DeleteCommand
{
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(10);

    public static int Run(GlobalOptions options, IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(args, [], ["force", "f"]);
        var id = parsed.Id("delete");
        var force = parsed.Has("force") || parsed.Has("f");
        var store = new StateStore(options.Root);
        ContainerRecord record;
        try
        {
            record = store.Load(id);
        }
        catch (OciException) when (force)
        {
            store.Remove(id);
            return 0;
        }

        if (MonitorProcess.IsAlive(record))
        {
            if (record.Started && !force)
            {
                throw new OciException($"cannot delete container {id} that is not stopped: running");
            }

            _ = Wait.kill(record.Pid, SignalNumbers.SIGKILL);
            var deadline = DateTime.UtcNow + ExitLimit;
            while (MonitorProcess.IsAlive(record))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new OciException($"container {id} did not exit within {ExitLimit.TotalSeconds:0} s of SIGKILL");
                }

                Thread.Sleep(2);
            }
        }

        ContainerCgroup.Remove(record.CgroupDirectories);
        store.Remove(id);
        return 0;
    }
}
