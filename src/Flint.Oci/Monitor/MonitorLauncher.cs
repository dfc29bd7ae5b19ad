using System.Diagnostics;
using System.IO.Pipes;
using Flint.Oci.Bundle;
using Flint.Oci.Cli;
using Flint.Oci.Sandbox;

namespace Flint.Oci.Monitor;

/// <summary>
/// Starts a container's monitor: this executable again, in the container's network namespace (entered on this
/// thread just before the fork, so the child is born in it), with the caller's standard streams (containerd's
/// shim's pipes) and the write end of a sync pipe on which it says whether it is ready.
/// </summary>
internal static class MonitorLauncher
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(30);

    public static Process Start(GlobalOptions options, ContainerPlan plan, string planFile, string startFifo, string? console, out AnonymousPipeServerStream sync)
    {
        NetworkNamespace.EnterOnThisThread(plan.Network);
        sync = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.Inheritable);
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new OciException("cannot find flint-oci's own executable"))
        {
            UseShellExecute = false,
        };
        foreach (var argument in options.ToArguments())
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(OciCli.MonitorCommand);
        start.ArgumentList.Add("--plan");
        start.ArgumentList.Add(planFile);
        start.ArgumentList.Add("--start-fifo");
        start.ArgumentList.Add(startFifo);
        if (console is not null)
        {
            start.ArgumentList.Add("--console");
            start.ArgumentList.Add(console);
        }

        start.ArgumentList.Add("--sync-fd");
        start.ArgumentList.Add(sync.GetClientHandleAsString());
        try
        {
            return Process.Start(start) ?? throw new OciException("could not start the container's monitor");
        }
        finally
        {
            sync.DisposeLocalCopyOfClientHandle();
        }
    }

    /// <exception cref="OciException">The monitor refused the container, died, or was not ready in time.</exception>
    public static void WaitUntilReady(AnonymousPipeServerStream sync)
    {
        using var reader = new StreamReader(sync);
        var read = reader.ReadLineAsync();
        var line = read.Wait(ReadyLimit) ? read.Result : SyncMessage.Error($"the container's monitor was not ready within {ReadyLimit.TotalSeconds:0} s");
        if (SyncMessage.Failure(line) is { } failure)
        {
            throw new OciException(failure);
        }
    }
}
