using System.Globalization;
using Flint.Images;
using Flint.Runtimes.Oci;
using Flint.Runtimes.Process;
using Flint.Runtimes.Tests.Common;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Process;

/// <summary>What a <c>process</c> function may do when the gateway is root: the probe's report of its own privileges.</summary>
[Collection(typeof(ProcessChildren))]
public sealed class ProcessPrivilegeTests : IAsyncDisposable
{
    private readonly TempDirectory _state = new("flint-process-privilege");
    private readonly TempDirectory _build = new("flint-process-probe");
    private readonly RecordingLog _log = new();
    private readonly RuntimeRegistry _registry;
    private readonly IInstanceRuntime _runtime;

    public ProcessPrivilegeTests()
    {
        _registry = DefaultRuntimes.Create(new RuntimeOptions(_state.Path));
        _runtime = _registry.Get(RuntimeNames.Process);
    }

    [Fact]
    public async Task StartAsync_Probe_RunsAsItsOwnUserWithNoPrivilegesAndOnlyItsDescriptors()
    {
        RequireIsolation();
        var image = Oci.TestPrograms.Build(_build, "probe", PrivilegeProbe.Source);

        // The probe exits once it has reported, so the start fails; its report is in the log.
        await Assert.ThrowsAsync<InstanceStartException>(() => _runtime.StartAsync(Spec(image), TestContext.Current.CancellationToken));
        var lines = _log.Lines.Select(l => l.Line).ToList();

        var report = PrivilegeProbe.Value(lines, "ids");
        Assert.True(report is not null, $"the probe did not report: {string.Join('\n', lines)}");
        var ids = report.Split(':').Select(id => uint.Parse(id, CultureInfo.InvariantCulture)).ToList();
        var range = new RuntimeOptions(_state.Path).ProcessUids;
        Assert.InRange(ids[0], range.First, range.First + (uint)range.Count - 1);
        Assert.Equal(ids[0], ids[1]);
        Assert.Equal("", PrivilegeProbe.Value(lines, "Groups"));
        Assert.Equal("0000000000000000", PrivilegeProbe.Value(lines, "CapEff"));
        Assert.Equal("0000000000000000", PrivilegeProbe.Value(lines, "CapPrm"));
        Assert.Equal("1", PrivilegeProbe.Value(lines, "NoNewPrivs"));
        Assert.Equal("2", PrivilegeProbe.Value(lines, "Seccomp"));
        Assert.Equal("0 1 2 3", PrivilegeProbe.Value(lines, "fds"));
        Assert.StartsWith(Path.Combine(_state.Path, "process", "work", "test-"), PrivilegeProbe.Value(lines, "cwd"), StringComparison.Ordinal);
        Assert.Equal("EPERM", PrivilegeProbe.Value(lines, "mount"));
        Assert.Equal("EACCES", PrivilegeProbe.Value(lines, "shadow"));
        Assert.Equal("EPERM", PrivilegeProbe.Value(lines, "ptrace"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_state.Path, "process", "work")));
    }

    [Fact]
    public async Task StartAsync_HelloWithLimits_RunsInItsOwnCgroupThatStopRemoves()
    {
        RequireIsolation();
        var image = FunctionImage.Load(await ReferenceFunctions.HelloAsync());
        var limits = new ResourceLimits(MemoryBytes: 96 << 20, Cpus: 0.5, Pids: 32);

        var instance = await _runtime.StartAsync(Spec(image, limits), TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        var body = await client.GetStringAsync(instance.Endpoint, TestContext.Current.CancellationToken);
        var pid = Assert.Single(ChildProcesses.RunningFrom(_state.Path)).Pid;
        var cgroups = await File.ReadAllLinesAsync($"/proc/{pid}/cgroup", TestContext.Current.CancellationToken);
        var cgroup = $"/{ProcessCgroup.Parent}/{instance.Id}";
        var memoryLimit = MemoryLimitFile(cgroup);
        var limit = await File.ReadAllTextAsync(memoryLimit, TestContext.Current.CancellationToken);
        await _runtime.StopAsync(instance, TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Flint!\n", body);
        Assert.Contains(cgroups, line => line.EndsWith(":" + cgroup, StringComparison.Ordinal));
        Assert.Equal((96 << 20).ToString(CultureInfo.InvariantCulture), limit.Trim());
        Assert.False(Directory.Exists(Path.GetDirectoryName(memoryLimit)));
        Assert.False(Directory.Exists(Path.Combine(_state.Path, "process", "work", instance.Id)));
    }

    [Fact]
    public async Task StartAsync_ExceedsMemoryLimit_ReportsOomKill()
    {
        RequireIsolation();
        var image = Oci.TestPrograms.Build(_build, "hog", Oci.TestPrograms.AllocateForever);

        var failure = await Assert.ThrowsAsync<InstanceStartException>(
            () => _runtime.StartAsync(Spec(image, new ResourceLimits(MemoryBytes: 32 << 20)), TestContext.Current.CancellationToken));

        Assert.True(OomKill.WasMemoryLimitExceeded(failure), failure.Message);
        Assert.Empty(ChildProcesses.RunningFrom(_state.Path));
    }

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        _build.Dispose();
        _state.Dispose();
    }

    private static string MemoryLimitFile(string cgroup) =>
        Path.Combine(ProcessIsolation.MemoryCgroup(cgroup), File.Exists("/sys/fs/cgroup/cgroup.controllers") ? "memory.max" : "memory.limit_in_bytes");

    private void RequireIsolation() => ProcessIsolation.Require(_runtime);

    private InstanceSpec Spec(FunctionImage image, ResourceLimits? limits = null) =>
        new("test", image, new Dictionary<string, string>(), limits ?? ResourceLimits.None, TimeSpan.FromSeconds(10), _log);
}
