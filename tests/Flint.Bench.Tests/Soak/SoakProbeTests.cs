using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Flint.Bench.Soak;
using Flint.Testing;

namespace Flint.Bench.Tests.Soak;

/// <summary>The probe sees what a leak would leave: a child process, a listening socket, an entry in a runtime's state directory.</summary>
[Collection(typeof(HostCounting))]
public sealed class SoakProbeTests
{
    [Fact]
    public void Take_ChildProcessRunning_CountsIt()
    {
        using var data = new TempDirectory("flint-soak-probe");
        var before = Value(SoakProbe.Take(Environment.ProcessId, data.Path, "soak-"), SoakBounds.Children);
        using var child = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        try
        {
            var during = Value(SoakProbe.Take(Environment.ProcessId, data.Path, "soak-"), SoakBounds.Children);

            Assert.True(during >= before + 1, $"children: {before} before, {during} with a sleep running");
            Assert.Contains(child.Id, SoakProbe.Descendants(Environment.ProcessId));
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Fact]
    public void Take_SocketListening_CountsIt()
    {
        using var data = new TempDirectory("flint-soak-probe");
        var before = Value(SoakProbe.Take(Environment.ProcessId, data.Path, "soak-"), SoakBounds.ListeningSockets);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            Assert.Equal(before + 1, Value(SoakProbe.Take(Environment.ProcessId, data.Path, "soak-"), SoakBounds.ListeningSockets));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Take_EntryLeftInAStateDirectory_CountsIt()
    {
        using var data = new TempDirectory("flint-soak-probe");
        Directory.CreateDirectory(Path.Combine(data.Path, "crun", "state", "flint-soak-crun-0011"));
        Directory.CreateDirectory(Path.Combine(data.Path, "runc", "bundles", "flint-soak-runc-0022"));

        Assert.Equal(2, Value(SoakProbe.Take(Environment.ProcessId, data.Path, "soak-"), SoakBounds.RuntimeEntries));
    }

    private static long Value(IReadOnlyList<SoakCounter> counters, string name) => counters.Single(c => c.Name == name).Value;
}
