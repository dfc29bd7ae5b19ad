using Flint.Images;
using Flint.Runtimes.Tests.Process;
using Flint.Testing;

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
    private readonly IInstanceRuntime _runtime;
    private readonly RecordingLog _log = new();

    public VmRuntimeTests()
    {
        _registry = DefaultRuntimes.Create(new RuntimeOptions(_cache.Path));
        _runtime = _registry.Get(RuntimeNames.Vm);
    }

    [Fact]
    public void CheckAvailability_NamesThePlatform()
    {
        var availability = _runtime.CheckAvailability();
        Assert.True(availability.IsAvailable, availability.Reason);
        Assert.Matches(@"^vm \((kvm|emulated)\)$", availability.Reason);
    }

    [Fact]
    public async Task StartAsync_CServerImage_AnswersGetAndMarksPhases()
    {
        var instance = await _runtime.StartAsync(await SpecAsync(NativeTestFunctions.AnswersHelloAsync()), TestContext.Current.CancellationToken);
        using var client = new HttpClient();

        var body = await client.GetStringAsync(instance.Endpoint, TestContext.Current.CancellationToken);
        await _runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Equal("Hello from C!\n", body);
        Assert.Equal(
            [InstancePhases.Create, InstancePhases.Launched, "listening", InstancePhases.Ready, InstancePhases.Stopped],
            instance.Phases.Marks.Select(m => m.Key));
        Assert.Contains(_log.Lines, l => l.Channel == OutputChannel.Stdout && l.Line == "answered");
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => ConnectAsync(instance.Port));
    }

    [Fact]
    public async Task StartAsync_ExitsAtOnce_ThrowsWithOutputTail()
    {
        var spec = await SpecAsync(NativeTestFunctions.ExitsAtOnceAsync());

        var error = await Assert.ThrowsAsync<InstanceStartException>(() => _runtime.StartAsync(spec, TestContext.Current.CancellationToken));

        Assert.Contains("exit status 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("giving up at once", error.OutputTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartStop_TwentyTimes_LeavesNoHostFds()
    {
        var spec = await SpecAsync(NativeTestFunctions.AnswersHelloAsync());
        await StartGetStopAsync(spec);
        var before = OpenFds();

        for (var i = 0; i < 20; i++)
        {
            await StartGetStopAsync(spec);
        }

        Assert.True(OpenFds() <= before, $"open fds grew from {before} to {OpenFds()}");
    }

    [Fact]
    public async Task StopAsync_CalledTwice_IsSafe()
    {
        var instance = await _runtime.StartAsync(await SpecAsync(NativeTestFunctions.AnswersHelloAsync()), TestContext.Current.CancellationToken);

        await Task.WhenAll(
            _runtime.StopAsync(instance, TestContext.Current.CancellationToken),
            _runtime.StopAsync(instance, TestContext.Current.CancellationToken));
        await _runtime.StopAsync(instance, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        _cache.Dispose();
    }

    private static int OpenFds() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    private static async Task ConnectAsync(int port)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
    }

    private async Task StartGetStopAsync(InstanceSpec spec)
    {
        var instance = await _runtime.StartAsync(spec, TestContext.Current.CancellationToken);
        using (var client = new HttpClient())
        {
            Assert.Equal("Hello from C!\n", await client.GetStringAsync(instance.Endpoint, TestContext.Current.CancellationToken));
        }

        await _runtime.StopAsync(instance, TestContext.Current.CancellationToken);
    }

    private async Task<InstanceSpec> SpecAsync(Task<string> build) =>
        new("test", FunctionImage.Load(await build), new Dictionary<string, string>(), ResourceLimits.None, TimeSpan.FromSeconds(30), _log);
}
