using System.Text.Json;
using Flint.Oci.Cli;
using Flint.Oci.State;

namespace Flint.Oci.Commands;

/// <summary><c>state ID</c>: the OCI state of the container as JSON on standard output.</summary>
internal static class StateCommand
{
    public const string OciVersion = "1.2.0";

    public static int Run(GlobalOptions options, IReadOnlyList<string> args)
    {
        var id = ParsedArguments.Parse(args, [], []).Id("state");
        var record = new StateStore(options.Root).Load(id);
        Console.Out.WriteLine(JsonSerializer.Serialize(Of(record), OciJsonContext.Default.OciState));
        return 0;
    }

    public static OciState Of(ContainerRecord record)
    {
        var alive = MonitorProcess.IsAlive(record);
        var status = !alive ? ContainerStatus.Stopped : record.Started ? ContainerStatus.Running : ContainerStatus.Created;
        return new OciState(OciVersion, record.Id, status, alive ? record.Pid : 0, record.Bundle, record.Rootfs, record.Created, "", record.Annotations);
    }
}
