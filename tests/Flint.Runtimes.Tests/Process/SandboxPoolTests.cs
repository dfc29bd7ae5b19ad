using System.Globalization;
using Flint.Images;
using Flint.Runtimes.Process;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Process;

/// <summary>A sandbox is made after an instance stops, for its function's next start, and nothing of it outlives the runtime.</summary>
[Collection(typeof(ProcessChildren))]
public sealed class SandboxPoolTests : IAsyncDisposable
{
    private readonly TempDirectory _state = new("flint-sandbox-pool");
    private readonly RecordingLog _log = new();
    private readonly RuntimeRegistry _registry;
    private readonly IInstanceRuntime _runtime;

    public SandboxPoolTests()
    {
        _registry = DefaultRuntimes.Create(new RuntimeOptions(_state.Path));
        _runtime = _registry.Get(RuntimeNames.Process);
    }

    private string WorkDirectory => Path.Combine(_state.Path, "process", "work");

    private string Records => Path.Combine(_state.Path, "process", "instances");

    [Fact]
    public async Task StartAsync_AfterAStop_TakesTheSandboxMadeForIt()
    {
        RequireIsolation();
        var image = FunctionImage.Load(await ReferenceFunctions.HelloAsync());
        var limits = new ResourceLimits(MemoryBytes: 96 << 20, Pids: 32);

        var first = await _runtime.StartAsync(Spec("pooled", image, limits), TestContext.Current.CancellationToken);
        await _runtime.StopAsync(first, TestContext.Current.CancellationToken);
        var waiting = await WaitingSandboxAsync();
        Assert.StartsWith("pooled-", waiting, StringComparison.Ordinal);
        Assert.True(Directory.Exists(CgroupOf(waiting)), "the waiting sandbox has no cgroup");

        // Its launcher is recorded, enters the cgroup, and holds: the function has not run.
        var launcher = await LauncherInCgroupAsync(waiting);
        Assert.Equal("flint-exec", File.ReadAllText($"/proc/{launcher}/comm").TrimEnd('\n'));

        var second = await _runtime.StartAsync(Spec("pooled", image, limits), TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        Assert.Equal("Hello from Flint!\n", await client.GetStringAsync(second.Endpoint, TestContext.Current.CancellationToken));

        Assert.Equal(waiting, second.Id);
        Assert.Equal(launcher, ((ProcessInstance)second.RuntimeState).Pid);
        await _runtime.StopAsync(second, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StartAsync_OtherLimits_DoNotTakeAnotherFunctionsSandbox()
    {
        RequireIsolation();
        var image = FunctionImage.Load(await ReferenceFunctions.HelloAsync());
        var first = await _runtime.StartAsync(Spec("one", image, new ResourceLimits(MemoryBytes: 96 << 20)), TestContext.Current.CancellationToken);
        await _runtime.StopAsync(first, TestContext.Current.CancellationToken);
        var waiting = await WaitingSandboxAsync();

        var other = await _runtime.StartAsync(Spec("one", image, new ResourceLimits(MemoryBytes: 128 << 20)), TestContext.Current.CancellationToken);

        Assert.NotEqual(waiting, other.Id);
        Assert.True(Directory.Exists(Path.Combine(WorkDirectory, waiting)), "a sandbox with other limits was taken");
        await _runtime.StopAsync(other, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StartAsync_RedeployedWithOtherEnvironment_DoesNotTakeTheStartPreparedForTheOldOne()
    {
        RequireIsolation();
        var image = FunctionImage.Load(await ReferenceFunctions.HelloAsync());
        var first = await _runtime.StartAsync(Spec("env", image, ResourceLimits.None), TestContext.Current.CancellationToken);
        await _runtime.StopAsync(first, TestContext.Current.CancellationToken);
        var waiting = await WaitingSandboxAsync();

        var redeployed = Spec("env", image, ResourceLimits.None) with { Environment = new Dictionary<string, string> { ["GREETING"] = "new" } };
        var other = await _runtime.StartAsync(redeployed, TestContext.Current.CancellationToken);

        Assert.NotEqual(waiting, other.Id);
        await _runtime.StopAsync(other, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StartAsync_PreparedLauncherKilledWhileWaiting_StartsAFreshOneAndRemovesTheDeadOne()
    {
        RequireIsolation();
        var image = FunctionImage.Load(await ReferenceFunctions.HelloAsync());
        var first = await _runtime.StartAsync(Spec("killed", image, ResourceLimits.None), TestContext.Current.CancellationToken);
        await _runtime.StopAsync(first, TestContext.Current.CancellationToken);
        var waiting = await WaitingSandboxAsync();
        var launcher = await LauncherInCgroupAsync(waiting);

        System.Diagnostics.Process.GetProcessById(launcher).Kill();
        Assert.True(await GoneAsync(launcher), $"launcher {launcher} was not reaped");
        var second = await _runtime.StartAsync(Spec("killed", image, ResourceLimits.None), TestContext.Current.CancellationToken);
        using var client = new HttpClient();

        Assert.NotEqual(waiting, second.Id);
        Assert.Equal("Hello from Flint!\n", await client.GetStringAsync(second.Endpoint, TestContext.Current.CancellationToken));
        Assert.True(await GoneAsync(() => !Directory.Exists(Path.Combine(WorkDirectory, waiting))), "the dead launcher's sandbox is left");
        await _runtime.StopAsync(second, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task DisposeAsync_WaitingSandbox_IsRemovedWithItsCgroupAndRecord()
    {
        RequireIsolation();
        var image = FunctionImage.Load(await ReferenceFunctions.HelloAsync());
        var first = await _runtime.StartAsync(Spec("gone", image, ResourceLimits.None), TestContext.Current.CancellationToken);
        await _runtime.StopAsync(first, TestContext.Current.CancellationToken);
        var waiting = await WaitingSandboxAsync();

        await _registry.DisposeAsync();

        Assert.Empty(Directory.EnumerateFileSystemEntries(WorkDirectory));
        Assert.False(File.Exists(Path.Combine(Records, waiting)), "the waiting sandbox's record is left");
        Assert.False(Directory.Exists(CgroupOf(waiting)), "the waiting sandbox's cgroup is left");
    }

    [Fact]
    public async Task SweepLeftovers_WaitingSandboxOfAKilledHost_IsRemoved()
    {
        RequireIsolation();
        var image = FunctionImage.Load(await ReferenceFunctions.HelloAsync());
        var first = await _runtime.StartAsync(Spec("orphan", image, ResourceLimits.None), TestContext.Current.CancellationToken);
        await _runtime.StopAsync(first, TestContext.Current.CancellationToken);
        var waiting = await WaitingSandboxAsync();

        // As a host killed outright leaves it: the record names a host that no longer runs.
        File.WriteAllText(Path.Combine(Records, waiting), "0 0 999999999 1\n");
        await using var next = DefaultRuntimes.Create(new RuntimeOptions(_state.Path));
        await next.Get(RuntimeNames.Process).SweepLeftoversAsync(TestContext.Current.CancellationToken);

        Assert.False(Directory.Exists(Path.Combine(WorkDirectory, waiting)), "the swept sandbox's working directory is left");
        Assert.False(Directory.Exists(CgroupOf(waiting)), "the swept sandbox's cgroup is left");
        Assert.False(File.Exists(Path.Combine(Records, waiting)));
    }

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        _state.Dispose();
    }

    private async Task<string> WaitingSandboxAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            if (Directory.Exists(WorkDirectory) && Directory.GetDirectories(WorkDirectory) is [var only])
            {
                return Path.GetFileName(only);
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        throw new Xunit.Sdk.XunitException("no sandbox was made for the next start within 5 s");
    }

    private static Task<bool> GoneAsync(int pid) => GoneAsync(() => !Directory.Exists($"/proc/{pid}"));

    private static async Task<bool> GoneAsync(Func<bool> gone)
    {
        for (var i = 0; i < 200 && !gone(); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        // The exit is recorded just after the reap.
        await Task.Delay(50, TestContext.Current.CancellationToken);
        return gone();
    }

    /// <summary>The recorded launcher's pid, once the record is written and the launcher is in the sandbox's cgroup (it joins after its spawn).</summary>
    private async Task<int> LauncherInCgroupAsync(string id)
    {
        for (var i = 0; i < 200; i++)
        {
            if (File.Exists(Path.Combine(Records, id))
                && int.TryParse(File.ReadAllText(Path.Combine(Records, id)).Split(' ')[0], CultureInfo.InvariantCulture, out var pid)
                && File.ReadAllLines(Path.Combine(CgroupOf(id), "cgroup.procs")).Contains(pid.ToString(CultureInfo.InvariantCulture)))
            {
                return pid;
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        throw new Xunit.Sdk.XunitException($"the launcher of {id} was not recorded in its cgroup within 5 s");
    }

    private static string CgroupOf(string id) => ProcessIsolation.MemoryCgroup($"/{ProcessCgroup.Parent}/{id}");

    private void RequireIsolation() => ProcessIsolation.Require(_runtime);

    private InstanceSpec Spec(string function, FunctionImage image, ResourceLimits limits) =>
        new(function, image, new Dictionary<string, string>(), limits, TimeSpan.FromSeconds(10), _log);
}
