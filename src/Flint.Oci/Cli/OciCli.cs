using System.Reflection;
using Flint.Oci.Commands;
using Flint.Oci.Monitor;

namespace Flint.Oci.Cli;

/// <summary>
/// flint-oci's command line: runc's, as containerd's runc shim (io.containerd.runc.v2) drives it. Global options
/// come before the command; a failure is one message on standard error and in the <c>--log</c> file, and exit
/// status 1.
/// </summary>
internal static class OciCli
{
    /// <summary>The hidden command that is a container's init: its monitor.</summary>
    public const string MonitorCommand = "monitor";

    private static readonly string[] GlobalValues = ["root", "log", "log-format", "criu", "rootless"];
    private static readonly string[] GlobalSwitches = ["debug", "systemd-cgroup", "version", "v", "help", "h"];
    private static readonly string[] Unsupported = ["run", "exec", "pause", "resume", "update", "checkpoint", "restore", "events", "list", "spec"];

    public static int Run(IReadOnlyList<string> args)
    {
        var log = OciLog.StandardError;
        try
        {
            var global = ParsedArguments.Parse(args, GlobalValues, GlobalSwitches, stopAtPositional: true);
            if (global.Has("version") || global.Has("v"))
            {
                Console.Out.Write(VersionText());
                return 0;
            }

            var format = global.Value("log-format") ?? "text";
            if (format is not ("text" or "json"))
            {
                throw new OciException($"invalid log format \"{format}\": use text or json");
            }

            var options = new GlobalOptions(global.Value("root") ?? GlobalOptions.DefaultRoot, global.Value("log"), format == "json", global.Has("systemd-cgroup"));
            log = new OciLog(options.LogPath, options.JsonLog);
            if (global.Positionals.Count == 0 || global.Has("help") || global.Has("h"))
            {
                Console.Out.Write(Usage);
                return global.Positionals.Count == 0 && !global.Has("help") && !global.Has("h") ? 1 : 0;
            }

            var command = global.Positionals[0];
            var rest = global.Positionals.Skip(1).ToList();
            return command switch
            {
                "create" => CreateCommand.Run(options, log, rest),
                "start" => StartCommand.Run(options, rest),
                "state" => StateCommand.Run(options, rest),
                "kill" => KillCommand.Run(options, rest),
                "delete" => DeleteCommand.Run(options, rest),
                "ps" => PsCommand.Run(options, rest),
                "features" => FeaturesCommand.Run(),
                MonitorCommand => RunMonitor(rest),
                _ when Unsupported.Contains(command) => throw new OciException($"flint-oci does not support \"{command}\""),
                _ => throw new OciException($"unknown command \"{command}\""),
            };
        }
        catch (OciException e)
        {
            log.Error(e.Message);
            return 1;
        }
    }

    public static string VersionText()
    {
        var version = typeof(OciCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return $"flint-oci version {version.Split('+')[0]}\nspec: {StateCommand.OciVersion}\n";
    }

    private static int RunMonitor(IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(args, ["plan", "start-fifo", "sync-fd", "console"], []);
        if (parsed.Value("plan") is not { } plan || parsed.Value("start-fifo") is not { } fifo ||
            !int.TryParse(parsed.Value("sync-fd"), System.Globalization.CultureInfo.InvariantCulture, out var syncFd))
        {
            throw new OciException("monitor needs --plan, --start-fifo and --sync-fd (it is started by create)");
        }

        return ContainerMonitor.Run(plan, fifo, syncFd, parsed.Value("console"));
    }

    private const string Usage = """
        flint-oci: runs OCI bundles in Flint VMs, with runc's command line (for containerd's io.containerd.runc.v2 shim)

        usage: flint-oci [--root DIR] [--log FILE] [--log-format text|json] [--systemd-cgroup] COMMAND [OPTIONS] ID

        commands:
          create [--bundle DIR] [--pid-file FILE] [--console-socket SOCK] ID
                                                       check the bundle and start the container's monitor
          start ID                                     boot the guest
          state ID                                     the container's OCI state, as JSON
          kill [--all] ID [SIGNAL]                     signal the container (SIGTERM by default)
          delete [--force] ID                          remove a stopped container (--force: any)
          ps [--format table|json] ID                  the container's processes
          features                                     what flint-oci implements, as JSON
          --version                                    flint-oci's and the runtime spec's versions

        """;
}
