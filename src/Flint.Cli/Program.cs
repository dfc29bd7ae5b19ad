using System.CommandLine;
using Flint.Cli.Commands;

var root = new RootCommand("flint: boot a function per request as a process, a container or a Flint VM, and measure which starts faster.")
{
    UpCommand.Create(),
    BuildCommand.Create(),
    DeployCommand.Create(),
    InvokeCommand.Create(),
    ListCommand.Create(),
    RemoveCommand.Create(),
    LogsCommand.Create(),
    RuntimesCommand.Create(),
    VmCommand.Create(),
    BenchCommand.Create(),
    SoakCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
