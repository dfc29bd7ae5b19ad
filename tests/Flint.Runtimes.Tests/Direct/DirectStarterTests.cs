using Flint.Runtimes.Direct;
using Flint.Runtimes.Tests.Oci;
using Flint.Runtimes.Tests.Process;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Direct;

/// <summary>In the process tests' collection: its direct process instances are children of this process too, and would be counted by their checks.</summary>
[Collection(typeof(ProcessChildren))]
public sealed class DirectStarterTests : IDisposable
{
    private readonly TempDirectory _state = new("flint-direct");

    [Fact]
    public async Task Process_LaunchedAndDisposed_AnswersThenLeavesNoProcess()
    {
        await using var starter = Starter(RuntimeNames.Process);
        var instance = starter.Prepare(await ReferenceFunctions.HelloImageAsync(), DirectProbe.FreePort());

        instance.Launch();
        var body = await DirectProbe.GetWhenUpAsync(instance);
        var running = ChildProcesses.RunningFrom(_state.Path);
        await instance.DisposeAsync();

        Assert.Equal("Hello from Flint!\n", body);
        Assert.Single(running);
        Assert.Empty(ChildProcesses.RunningFrom(_state.Path));
    }

    [Fact]
    public async Task Process_AsRootWithTheHelper_RunsInTheRuntimesSandboxAndRemovesIt()
    {
        HostRequirements.RequireRoot();
        await using var starter = Starter(RuntimeNames.Process);
        var port = DirectProbe.FreePort();
        var instance = starter.Prepare(await ReferenceFunctions.HelloImageAsync(), port);
        var workingDirectory = Path.Combine(_state.Path, "process", "work", $"direct-process-{port}");

        instance.Launch();
        await DirectProbe.GetWhenUpAsync(instance);
        var pid = Assert.Single(ChildProcesses.RunningFrom(_state.Path)).Pid;
        var status = await File.ReadAllLinesAsync($"/proc/{pid}/status", TestContext.Current.CancellationToken);
        var cgroups = await File.ReadAllTextAsync($"/proc/{pid}/cgroup", TestContext.Current.CancellationToken);
        var existedWhileRunning = Directory.Exists(workingDirectory);
        await instance.DisposeAsync();

        Assert.Equal("flint-exec", starter.Command);
        Assert.Equal("/usr/local/libexec/flint/flint-exec", instance.Arguments[0]);
        var uid = uint.Parse(status.Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(uid, 2_100_000_000u, 2_100_001_023u);
        Assert.Contains("NoNewPrivs:\t1", status);
        Assert.Contains($"/flint-process/direct-process-{port}", cgroups, StringComparison.Ordinal);
        Assert.True(existedWhileRunning);
        Assert.False(Directory.Exists(workingDirectory));
        string[] cgroupDirectories = ["", "memory", "cpu", "pids"];
        Assert.DoesNotContain(cgroupDirectories, c => Directory.Exists(Path.Combine("/sys/fs/cgroup", c, "flint-process", $"direct-process-{port}")));
    }

    [Fact]
    public async Task Process_DisposedWithoutLaunch_NothingToStop()
    {
        await using var starter = Starter(RuntimeNames.Process);
        var instance = starter.Prepare(await ReferenceFunctions.HelloImageAsync(), DirectProbe.FreePort());

        await instance.DisposeAsync();
        await instance.DisposeAsync();

        Assert.False(instance.HasExited);
        Assert.Throws<ObjectDisposedException>(instance.Launch);
    }

    [Theory]
    [InlineData(RuntimeNames.Crun)]
    [InlineData(RuntimeNames.Runc)]
    public async Task Oci_RunOfEquivalentBundle_AnswersThenLeavesNoContainerBundleOrCgroup(string runtime)
    {
        HostRequirements.RequireRoot();
        HostRequirements.RequireCommand(runtime, runtime);
        await using var starter = Starter(runtime);
        if (starter.CheckAvailability() is { IsAvailable: false, Reason: var reason })
        {
            Assert.Skip($"{runtime} is not available here: {reason}");
        }

        var instance = starter.Prepare(await ReferenceFunctions.HelloImageAsync(), DirectProbe.FreePort());

        instance.Launch();
        var body = await DirectProbe.GetWhenUpAsync(instance);
        await instance.DisposeAsync();

        Assert.Equal("Hello from Flint!\n", body);
        Assert.Equal($"{runtime} run", starter.Command);
        Assert.Contains("run", instance.Arguments);
        Assert.Empty(await OciHostState.LeftoversAsync(runtime, _state.Path, "flint-direct-"));

        // No process on the host runs the image's executable any more (the port may already serve another test).
        Assert.Empty(ProcessesRunningFrom(_state.Path));
    }

    [Theory]
    [InlineData(RuntimeNames.Crun)]
    [InlineData(RuntimeNames.Runc)]
    public async Task Oci_Sweep_RemovesBundlesOfInstancesNeverDisposed(string runtime)
    {
        HostRequirements.RequireRoot();
        HostRequirements.RequireCommand(runtime, runtime);
        var starter = Starter(runtime);
        if (starter.CheckAvailability() is { IsAvailable: false, Reason: var reason })
        {
            await starter.DisposeAsync();
            Assert.Skip($"{runtime} is not available here: {reason}");
        }

        starter.Prepare(await ReferenceFunctions.HelloImageAsync(), DirectProbe.FreePort());
        await starter.DisposeAsync();

        Assert.Empty(await OciHostState.LeftoversAsync(runtime, _state.Path, "flint-direct-"));
    }

    [Theory]
    [InlineData(RuntimeNames.Vm, "")]
    [InlineData(RuntimeNames.VmEmulated, "flint-vm (emulated)")]
    public async Task Vm_MonitorInProcess_AnswersThenStops(string runtime, string platform)
    {
        await using var starter = Starter(runtime);
        var instance = starter.Prepare(await ReferenceFunctions.HelloImageAsync(), DirectProbe.FreePort());

        instance.Launch();
        var body = await DirectProbe.GetWhenUpAsync(instance);
        await instance.DisposeAsync();

        Assert.Equal("Hello from Flint!\n", body);
        Assert.Equal("the monitor in process", starter.Command);
        Assert.StartsWith(platform.Length > 0 ? platform : "flint-vm (", instance.Arguments[0], StringComparison.Ordinal);
        Assert.True(instance.HasExited);
    }

    public void Dispose() => _state.Dispose();

    /// <summary>Every process on the host whose executable lies under <paramref name="directory"/>, whoever its parent.</summary>
    private static List<string> ProcessesRunningFrom(string directory)
    {
        var found = new List<string>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(entry), out _) && new FileInfo(Path.Combine(entry, "exe")).LinkTarget is { } target
                    && target.StartsWith(directory, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(entry)} {target}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or a kernel thread.
            }
        }

        return found;
    }

    private IDirectStarter Starter(string runtime) => DirectStarters.Create(_state.Path).First(s => s.Name == runtime);
}
