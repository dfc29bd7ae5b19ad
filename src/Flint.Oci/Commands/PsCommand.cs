using System.Text.Json;
using Flint.Oci.Cli;
using Flint.Oci.State;

namespace Flint.Oci.Commands;

/// <summary><c>ps [--format table|json] ID</c>: the container's processes, which are its monitor alone.</summary>
internal static class PsCommand
{
    public static int Run(GlobalOptions options, IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(args, ["format", "f"], []);
        var record = new StateStore(options.Root).Load(parsed.Id("ps"));
        int[] pids = MonitorProcess.IsAlive(record) ? [record.Pid] : [];
        var format = parsed.Value("format") ?? parsed.Value("f") ?? "table";
        switch (format)
        {
            case "json":
                Console.Out.WriteLine(JsonSerializer.Serialize(pids, OciJsonContext.Default.Int32Array));
                break;
            case "table":
                Console.Out.WriteLine("PID");
                foreach (var pid in pids)
                {
                    Console.Out.WriteLine(pid);
                }

                break;
            default:
                throw new OciException($"invalid format \"{format}\": use table or json");
        }

        return 0;
    }
}
