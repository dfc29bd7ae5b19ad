using Flint.Oci.Cli;
using Flint.Oci.Monitor;
using Flint.Oci.State;

namespace Flint.Oci.Commands;

/// <summary><c>start ID</c>: opens a created container's start gate; its monitor boots the guest.</summary>
internal static class StartCommand
{
    public static int Run(GlobalOptions options, IReadOnlyList<string> args)
    {
        var id = ParsedArguments.Parse(args, [], []).Id("start");
        var store = new StateStore(options.Root);
        var record = store.Load(id);
        if (!MonitorProcess.IsAlive(record))
        {
            throw new OciException("cannot start a container that has stopped");
        }

        if (record.Started)
        {
            throw new OciException("cannot start an already running container");
        }

        StartGate.Open(store.StartFifo(id));
        store.Save(record with { Started = true });
        return 0;
    }
}
