using Flint.Images;
using Flint.Runtimes.Tests.Process;
using Flint.Runtimes.Vm;
using Flint.Testing;
using Flint.Vm;

namespace Flint.Runtimes.Tests.Vm;

/// <summary>Counts the test process's open fds, so these tests run alone.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class HostFdCounting;

/// <summary>The vm runtime end to end: a static C server image in a Flint VM, on the platform the runtime picks.</summary>
[Collection(typeof(HostFdCounting))]
public sealed class VmRuntimeTests : IAsyncDisposable
{
    private readonly TempDirectory _cache = new("flint-vm-runtime");
    private readonly RuntimeRegistry _registry;
    private readonly RecordingLog _log = new();
    private readonly List<VmRuntime> _runtimes = [];

    public VmRuntimeTests()
    {
        _registry = DefaultRuntimes.Create(new RuntimeOptions(_cache.Path));
    }

    /// <summary>Every platform this host has; the emulated CPU always (a missing emulator fails instead of hiding).</summary>
    public static TheoryData<string> Platforms() =>
        [.. VmPlatform.All.Where(p => p.Available || p.Name == VmPlatform.EmulatedName).Select(p => p.Name)];

    [Fact]
    public void CheckAvailability_Registered_NamesThePlatform()
    {
        var availability = _registry.Get(RuntimeNames.Vm).CheckAvailability();
        Assert.True(availability.IsAvailable, availability.Reason);
        Assert.Matches(@"^vm \((kvm|emulated)\)$", availability.Reason);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task StartAsync_CServerImage_AnswersGetAndMarksPhases(string platform)
    {
        var runtime = Runtime(platform);
        var instance = await runtime.StartAsync(await SpecAsync(NativeTestFunctions.AnswersHelloAsync()), TestContext.Current.CancellationToken);
        using var client = new HttpClient();

        var body = await client.GetStringAsync(instance.Endpoint, TestContext.Current.CancellationToken);
        await runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Equal("Hello from C!\n", body);
        Assert.Equal(
            [InstancePhases.Create, InstancePhases.Launched, "listening", InstancePhases.Ready, InstancePhases.Stopped],
            instance.Phases.Marks.Select(m => m.Key));
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => ConnectAsync(instance.Port));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task StartAsync_WhileServing_VcpuThreadHasNoNewPrivsAndSeccompAndTheHostDoesNot(string platform)
    {
        var runtime = Runtime(platform);
        var instance = await runtime.StartAsync(await SpecAsync(NativeTestFunctions.AnswersHelloAsync()), TestContext.Current.CancellationToken);
        using var client = new HttpClient();

        var body = await client.GetStringAsync(instance.Endpoint, TestContext.Current.CancellationToken);
        var vcpuThreads = ThreadStatuses().Where(t => t.Name.StartsWith("flint-vcpu", StringComparison.Ordinal)).ToList();
        var host = ThreadStatuses().Single(t => t.Tid == Environment.ProcessId);
        await runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Equal("Hello from C!\n", body);
        Assert.Contains(vcpuThreads, t => t is { NoNewPrivs: "1", Seccomp: "2" });
        Assert.Equal(("0", "0"), (host.NoNewPrivs, host.Seccomp));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task StartAsync_ExitsAtOnce_ThrowsWithOutputTail(string platform)
    {
        var runtime = Runtime(platform);
        var spec = await SpecAsync(NativeTestFunctions.ExitsAtOnceAsync());

        var error = await Assert.ThrowsAsync<InstanceStartException>(() => runtime.StartAsync(spec, TestContext.Current.CancellationToken));

        Assert.Contains("exit status 3", error.Message, StringComparison.Ordinal);
        Assert.False(Runtimes.Oci.OomKill.WasMemoryLimitExceeded(error), error.Message);
        Assert.Contains("giving up at once", error.OutputTail, StringComparison.Ordinal);
        Assert.Contains(_log.Lines, l => l.Channel == OutputChannel.Stderr && l.Line == "flint-test: giving up at once");
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task StartAsync_ExceedsMemoryLimitBeforeListening_ReportsOomKill(string platform)
    {
        var runtime = Runtime(platform);
        using var build = new TempDirectory();
        var image = Oci.TestPrograms.Build(build, "vhog", Oci.TestPrograms.AllocateForever);
        var spec = new InstanceSpec("test", image, new Dictionary<string, string>(), new ResourceLimits(MemoryBytes: 16 << 20), TimeSpan.FromSeconds(30), _log);

        var error = await Assert.ThrowsAsync<InstanceStartException>(() => runtime.StartAsync(spec, TestContext.Current.CancellationToken));

        Assert.True(Runtimes.Oci.OomKill.WasMemoryLimitExceeded(error), error.Message);
        Assert.Contains("killed: memory limit exceeded (16777216 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("malloc failed after", error.OutputTail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task StartStop_TwentyTimes_LeavesNoHostFds(string platform)
    {
        var runtime = Runtime(platform);
        var spec = await SpecAsync(NativeTestFunctions.AnswersHelloAsync());
        await StartGetStopAsync(runtime, spec);
        var before = OpenFds();
        var names = FdTargets();

        for (var i = 0; i < 20; i++)
        {
            await StartGetStopAsync(runtime, spec);
        }

        Assert.True(OpenFds() <= before, $"open fds grew from {before} to {OpenFds()}: {string.Join(", ", FdTargets().Except(names))}");
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task StopAsync_CalledTwice_IsSafe(string platform)
    {
        var runtime = Runtime(platform);
        var instance = await runtime.StartAsync(await SpecAsync(NativeTestFunctions.AnswersHelloAsync()), TestContext.Current.CancellationToken);

        await Task.WhenAll(
            runtime.StopAsync(instance, TestContext.Current.CancellationToken),
            runtime.StopAsync(instance, TestContext.Current.CancellationToken));
        await runtime.StopAsync(instance, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in _runtimes)
        {
            await runtime.DisposeAsync();
        }

        await _registry.DisposeAsync();
        _cache.Dispose();
    }

    private VmRuntime Runtime(string platform)
    {
        var choice = platform == VmPlatform.KvmName ? VmPlatformChoice.Kvm : VmPlatformChoice.Emulated;
        var runtime = new VmRuntime(new RuntimeOptions(_cache.Path), choice);
        _runtimes.Add(runtime);
        Assert.True(runtime.CheckAvailability().IsAvailable, runtime.CheckAvailability().Reason);
        return runtime;
    }

    /// <summary>
    /// What the process's fds refer to, less the assemblies the runtime loads on first use and the symbol files it
    /// opens the first time it renders a stack trace through them (both held for the process's life, never closed).
    /// </summary>
    private static List<string> FdTargets() =>
        [.. Directory.GetFileSystemEntries("/proc/self/fd")
            .Select(f => new FileInfo(f).LinkTarget ?? "?")
            .Where(t => !t.EndsWith(".dll", StringComparison.Ordinal) && !t.EndsWith(".pdb", StringComparison.Ordinal))];

    private static int OpenFds() => FdTargets().Count;

    /// <summary>Each thread of this process: its id, name, and the NoNewPrivs and Seccomp lines of its status.</summary>
    private static List<(int Tid, string Name, string? NoNewPrivs, string? Seccomp)> ThreadStatuses()
    {
        var threads = new List<(int, string, string?, string?)>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var status = File.ReadAllLines(Path.Combine(task, "status"));
                string? Field(string key) => status.FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal))?[(key.Length + 1)..].Trim();
                threads.Add((int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture), Field("Name") ?? "", Field("NoNewPrivs"), Field("Seccomp")));
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }

        return threads;
    }

    private static async Task ConnectAsync(int port)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
    }

    private static async Task StartGetStopAsync(VmRuntime runtime, InstanceSpec spec)
    {
        var instance = await runtime.StartAsync(spec, TestContext.Current.CancellationToken);
        using (var client = new HttpClient())
        {
            Assert.Equal("Hello from C!\n", await client.GetStringAsync(instance.Endpoint, TestContext.Current.CancellationToken));
        }

        await runtime.StopAsync(instance, TestContext.Current.CancellationToken);
    }

    private async Task<InstanceSpec> SpecAsync(Task<string> build) =>
        new("test", FunctionImage.Load(await build), new Dictionary<string, string>(), ResourceLimits.None, TimeSpan.FromSeconds(30), _log);
}
