using System.Diagnostics;
using System.Text.Json;
using Flint.Interop.Libc;
using Flint.Oci.Bundle;
using Flint.Oci.Cli;
using Flint.Oci.Monitor;
using Flint.Oci.Sandbox;
using Flint.Oci.State;

namespace Flint.Oci.Commands;

/// <summary>
/// <c>create [--bundle DIR] [--pid-file FILE] [--console-socket SOCK] ID</c>: checks the bundle, starts the
/// container's monitor in its network namespace and cgroup, waits until it is ready to boot the guest, hands the
/// console's master to the console socket when the process asks for a terminal, and writes the monitor's pid
/// (the container's init) to the pid file. Anything that fails undoes what was made.
/// </summary>
internal static class CreateCommand
{
    private static readonly string[] ValueFlags = ["bundle", "b", "pid-file", "console-socket", "preserve-fds"];
    private static readonly string[] Switches = ["no-pivot", "no-new-keyring"];

    public static int Run(GlobalOptions options, OciLog log, IReadOnlyList<string> args)
    {
        var parsed = ParsedArguments.Parse(args, ValueFlags, Switches);
        var id = parsed.Id("create");
        StateStore.CheckId(id);
        var bundle = Path.GetFullPath(parsed.Value("bundle") ?? parsed.Value("b") ?? Directory.GetCurrentDirectory());
        var plan = BundlePlanner.Plan(bundle, parsed.Value("console-socket") is not null);
        foreach (var warning in plan.Warnings)
        {
            log.Warning(warning);
        }

        var cgroupPath = CgroupPath.Relative(plan.CgroupsPath, options.SystemdCgroup, id);
        var store = new StateStore(options.Root);
        store.Create(id);
        Process? monitor = null;
        ConsolePty? console = null;
        IReadOnlyList<string> cgroup = [];
        try
        {
            var startFifo = store.StartFifo(id);
            StartGate.Make(startFifo);
            File.WriteAllText(store.PlanFile(id), JsonSerializer.Serialize(plan, OciJsonContext.Default.ContainerPlan));
            console = plan.Terminal ? ConsolePty.Open() : null;
            monitor = MonitorLauncher.Start(options, plan, store.PlanFile(id), startFifo, console?.SlavePath, out var sync);
            using (sync)
            {
                MonitorLauncher.WaitUntilReady(sync);
            }

            // Joined once ready (a monitor that refused the bundle has exited by then, with its reason): the guest's
            // memory and threads come only after start.
            cgroup = ContainerCgroup.Join(cgroupPath, plan, monitor.Id);

            // The monitor holds the console's slave by now, so the master never sees it hang up.
            console?.SendMaster(parsed.Value("console-socket")!);

            store.Save(new ContainerRecord
            {
                Id = id,
                Bundle = bundle,
                Rootfs = plan.Rootfs,
                Pid = monitor.Id,
                PidStartTime = MonitorProcess.StartTime(monitor.Id) ?? throw new OciException("the container's monitor exited before it was ready"),
                Created = DateTimeOffset.UtcNow,
                Annotations = plan.Annotations,
                CgroupDirectories = cgroup,
            });
            if (parsed.Value("pid-file") is { } pidFile)
            {
                WritePidFile(Path.GetFullPath(pidFile), monitor.Id);
            }

            return 0;
        }
        catch
        {
            if (monitor is not null)
            {
                _ = Wait.kill(monitor.Id, SignalNumbers.SIGKILL);
                monitor.WaitForExit(TimeSpan.FromSeconds(5));
            }

            ContainerCgroup.Remove(cgroup);
            store.Remove(id);
            throw;
        }
        finally
        {
            console?.Dispose();
            monitor?.Dispose();
        }
    }

    private static void WritePidFile(string path, int pid)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(temporary, path, overwrite: true);
    }
}
