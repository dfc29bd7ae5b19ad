using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Flint.Oci.Bundle;
using Flint.Oci.Cli;
using Flint.Vm;
using Microsoft.Win32.SafeHandles;

namespace Flint.Oci.Monitor;

/// <summary>
/// The container's init process: one monitor per container, started by <c>create</c> in the container's network
/// namespace and cgroup. It prepares the guest (the plan, the function's listening socket), tells <c>create</c>
/// over the sync pipe, waits at the start gate, then runs the guest in a Flint VM with the container's standard
/// output and error as the guest's, and exits with the guest's status.
/// </summary>
internal static class ContainerMonitor
{
    private const int Backlog = 512;

    /// <param name="planFile">The plan <c>create</c> made of the bundle.</param>
    /// <param name="startFifo">The start gate <c>start</c> opens.</param>
    /// <param name="syncFd">The write end of the pipe on which <c>create</c> waits for "ready".</param>
    /// <param name="console">The slave of the container's console, when its process asks for a terminal.</param>
    public static int Run(string planFile, string startFifo, int syncFd, string? console)
    {
        using var signals = new MonitorSignals();
        ContainerPlan plan;
        Socket? listener;
        FileStream? terminal = null;
        using (var sync = new StreamWriter(new FileStream(new SafeFileHandle(syncFd, ownsHandle: true), FileAccess.Write, bufferSize: 0)))
        {
            try
            {
                plan = ReadPlan(planFile);
                terminal = console is null ? null : OpenConsole(console);
                listener = plan.Port is { } port ? Listen(port) : null;
            }
            catch (OciException e)
            {
                sync.WriteLine(SyncMessage.Error(e.Message));
                return 1;
            }

            sync.WriteLine(SyncMessage.Ready);
        }

        using (listener)
        using (terminal)
        {
            if (!StartGate.Wait(startFifo))
            {
                return 1;
            }

            signals.GuestRunning();
            return RunGuest(plan, listener, terminal, signals);
        }
    }

    private static int RunGuest(ContainerPlan plan, Socket? listener, FileStream? terminal, MonitorSignals signals)
    {
        using var stdout = terminal is null ? Console.OpenStandardOutput() : Stream.Null;
        using var stderr = terminal is null ? Console.OpenStandardError() : Stream.Null;
        var options = new VmRunOptions
        {
            ElfPath = plan.ExecutablePath,
            GuestPath = plan.GuestPath,
            Args = plan.Args,
            Env = plan.Env,
            WorkingDirectory = plan.WorkingDirectory,
            ResourceLimits = plan.ResourceLimits,
            RootDirectory = plan.Rootfs,
            MemoryLimitBytes = plan.GuestMemoryBytes,
            Platform = plan.Platform,
            ListenSocket = listener,
            AllowOutbound = true,
            Stdout = terminal ?? stdout,
            Stderr = terminal ?? stderr,
        };
        try
        {
            var result = VmRunner.RunAsync(options, signals.Stop).GetAwaiter().GetResult();
            if (result.Failure is { } failure)
            {
                Console.Error.WriteLine($"flint-oci: {failure}");
            }

            return result.ExitCode;
        }
        catch (OperationCanceledException) when (signals.ExitCode is { } code)
        {
            return code;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The guest never ran (platform or loader refused it): the container ends as its init would on a failed exec.
            Console.Error.WriteLine($"flint-oci: the guest could not start: {e.Message}");
            return 127;
        }
    }

    private static ContainerPlan ReadPlan(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), OciJsonContext.Default.ContainerPlan)
                ?? throw new OciException($"the container's plan {path} is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new OciException($"could not read the container's plan {path}: {e.Message}", e);
        }
    }

    private static FileStream OpenConsole(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciException($"could not open the console {path}: {e.Message}", e);
        }
    }

    private static Socket Listen(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            socket.Listen(Backlog);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new OciException($"could not listen on port {port} (PORT) in the container's network namespace: {e.SocketErrorCode}", e);
        }
    }
}
