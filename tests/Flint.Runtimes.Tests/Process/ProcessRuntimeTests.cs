using System.Net.Sockets;
using Flint.Images;
using Flint.Runtimes.Process;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Process;

[Collection(typeof(ProcessChildren))]
public sealed class ProcessRuntimeTests : IAsyncDisposable
{
    private readonly TempDirectory _cache = new("flint-process-runtime");
    private readonly RuntimeRegistry _registry;
    private readonly IInstanceRuntime _runtime;
    private readonly RecordingLog _log = new();

    public ProcessRuntimeTests()
    {
        _registry = DefaultRuntimes.Create(new RuntimeOptions(_cache.Path));
        _runtime = _registry.Get(RuntimeNames.Process);
    }

    [Fact]
    public async Task StartAsync_HelloImage_ServesHttpAndMarksBootPhases()
    {
        var instance = await _runtime.StartAsync(await SpecAsync(ReferenceFunctions.HelloAsync()), TestContext.Current.CancellationToken);
        using var client = new HttpClient();

        var body = await client.GetStringAsync(instance.Endpoint, TestContext.Current.CancellationToken);
        await _runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Flint!\n", body);
        Assert.Equal(
            [InstancePhases.Create, ProcessPhases.Sandbox, InstancePhases.Launched, InstancePhases.Ready, InstancePhases.Stopped],
            instance.Phases.Marks.Select(m => m.Key));
        Assert.Empty(ChildProcesses.RunningFrom(_cache.Path));
        await Assert.ThrowsAnyAsync<SocketException>(() => ConnectAsync(instance.Port));
    }

    [Fact]
    public async Task StartAsync_SpecEnvironment_ReachesTheProcessAndPortIsSet()
    {
        var spec = await SpecAsync(ReferenceFunctions.HelloAsync()) with
        {
            Environment = new Dictionary<string, string> { ["GREETING"] = "hi" },
        };

        var instance = await _runtime.StartAsync(spec, TestContext.Current.CancellationToken);
        var pid = Assert.Single(ChildProcesses.RunningFrom(_cache.Path)).Pid;
        var environment = (await File.ReadAllTextAsync($"/proc/{pid}/environ", TestContext.Current.CancellationToken)).Split('\0');
        await _runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Contains("GREETING=hi", environment);
        Assert.Contains($"PORT={instance.Port}", environment);
        Assert.Contains("HOST=127.0.0.1", environment);
    }

    [Fact]
    public async Task StartAsync_Helper_FunctionKeepsTheSpawnedPidAsListenPid()
    {
        if (!File.Exists(ProcessLauncher.HelperPath))
        {
            Assert.Skip($"{ProcessLauncher.HelperPath} is missing (scripts/setup.sh builds it): functions start through setpriv and sh");
        }

        var instance = await _runtime.StartAsync(await SpecAsync(ReferenceFunctions.HelloAsync()), TestContext.Current.CancellationToken);
        var pid = Assert.Single(ChildProcesses.RunningFrom(_cache.Path)).Pid;
        var environment = (await File.ReadAllTextAsync($"/proc/{pid}/environ", TestContext.Current.CancellationToken)).Split('\0');
        var parent = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("PPid:", StringComparison.Ordinal));
        await _runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Contains($"LISTEN_PID={pid}", environment);
        Assert.Contains("LISTEN_FDS=1", environment);
        Assert.Equal($"PPid:\t{Environment.ProcessId}", parent);
    }

    [Fact]
    public async Task StartAsync_HelloImage_ListensOnLoopbackOnly()
    {
        var instance = await _runtime.StartAsync(await SpecAsync(ReferenceFunctions.HelloAsync()), TestContext.Current.CancellationToken);
        var listening = ListeningAddresses(instance.Port);
        await _runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Equal(["0100007F"], listening);
    }

    /// <summary>The local addresses (hex, as /proc/net/tcp writes them) of sockets listening on a port.</summary>
    private static List<string> ListeningAddresses(int port)
    {
        const string Listen = "0A";
        return [.. File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields[3] == Listen && Convert.ToInt32(fields[1].Split(':')[1], 16) == port)
            .Select(fields => fields[1].Split(':')[0])];
    }

    [Fact]
    public async Task StartAsync_ExecutableExitsAtOnce_ThrowsWithOutputTailAndLeavesNoProcess()
    {
        var spec = await SpecAsync(NativeTestFunctions.ExitsAtOnceAsync());

        var error = await Assert.ThrowsAsync<InstanceStartException>(() => _runtime.StartAsync(spec, TestContext.Current.CancellationToken));

        Assert.Contains("exit status 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("giving up at once", error.OutputTail, StringComparison.Ordinal);
        Assert.Contains(_log.Lines, l => l.Channel == OutputChannel.Stderr && l.Line.Contains("giving up", StringComparison.Ordinal));
        Assert.Empty(ChildProcesses.RunningFrom(_cache.Path));
    }

    [Fact]
    public async Task StartAsync_HandedOffAtLaunch_RequestSentAtOnceIsAnsweredThenAcceptingCompletes()
    {
        var spec = await SpecAsync(ReferenceFunctions.HelloAsync()) with { HandOffAtLaunch = true };
        var instance = await _runtime.StartAsync(spec, TestContext.Current.CancellationToken);
        using var client = new HttpClient();

        var body = await client.GetStringAsync(instance.Endpoint, TestContext.Current.CancellationToken);
        await instance.Accepting;
        await _runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Flint!\n", body);
        Assert.Equal(
            [InstancePhases.Create, ProcessPhases.Sandbox, InstancePhases.Launched, InstancePhases.Ready, InstancePhases.Stopped],
            instance.Phases.Marks.Select(m => m.Key));
        Assert.Empty(ChildProcesses.RunningFrom(_cache.Path));
    }

    [Fact]
    public async Task StartAsync_HandedOffAtLaunchThenExitsAtOnce_AcceptingFailsWithExitAndOutputTailAndARequestIsRefused()
    {
        var spec = await SpecAsync(NativeTestFunctions.ExitsAtOnceAsync()) with { HandOffAtLaunch = true };
        var instance = await _runtime.StartAsync(spec, TestContext.Current.CancellationToken);
        using var client = new HttpClient();

        var request = await Record.ExceptionAsync(() => client.GetStringAsync(instance.Endpoint, TestContext.Current.CancellationToken));
        var error = await Assert.ThrowsAsync<InstanceStartException>(() => instance.Accepting);

        Assert.IsType<HttpRequestException>(request);
        Assert.Contains("exit status 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("giving up at once", error.OutputTail, StringComparison.Ordinal);
        Assert.Null(instance.Phases[InstancePhases.Ready]);
        Assert.NotNull(instance.Phases[InstancePhases.Stopped]);
        Assert.Empty(ChildProcesses.RunningFrom(_cache.Path));
        await Assert.ThrowsAnyAsync<SocketException>(() => ConnectAsync(instance.Port));
    }

    [Fact]
    public async Task StartAsync_NeverListensAndIgnoresSigterm_TimesOutAndLeavesNoProcess()
    {
        var spec = await SpecAsync(NativeTestFunctions.NeverListensAsync()) with { StartTimeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<InstanceStartException>(() => _runtime.StartAsync(spec, TestContext.Current.CancellationToken));

        Assert.Contains("did not accept a connection", error.Message, StringComparison.Ordinal);

        Assert.Empty(ChildProcesses.RunningFrom(_cache.Path));
    }

    [Fact]
    public async Task StopAsync_CalledTwice_IsSafe()
    {
        var instance = await _runtime.StartAsync(await SpecAsync(ReferenceFunctions.HelloAsync()), TestContext.Current.CancellationToken);

        await Task.WhenAll(
            _runtime.StopAsync(instance, TestContext.Current.CancellationToken),
            _runtime.StopAsync(instance, TestContext.Current.CancellationToken));
        await _runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Empty(ChildProcesses.RunningFrom(_cache.Path));
    }

    [Fact]
    public async Task DisposeAsync_WithLiveInstances_StopsThemAll()
    {
        var spec = await SpecAsync(ReferenceFunctions.HelloAsync());
        await _runtime.StartAsync(spec, TestContext.Current.CancellationToken);
        await _runtime.StartAsync(spec, TestContext.Current.CancellationToken);
        Assert.Equal(2, ChildProcesses.RunningFrom(_cache.Path).Count);

        await _registry.DisposeAsync();

        Assert.Empty(ChildProcesses.RunningFrom(_cache.Path));
    }

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        _cache.Dispose();
    }

    private async Task<InstanceSpec> SpecAsync(Task<string> build) =>
        new("test", FunctionImage.Load(await build), new Dictionary<string, string>(), ResourceLimits.None, TimeSpan.FromSeconds(10), _log);

    private static async Task ConnectAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
    }
}
