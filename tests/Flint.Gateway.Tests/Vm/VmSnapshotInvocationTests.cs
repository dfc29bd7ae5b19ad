using System.Net;
using System.Security.Cryptography;
using Flint.Gateway.Tests.Scaling;
using Flint.Testing;
using Flint.Vm;

namespace Flint.Gateway.Tests.Vm;

/// <summary>
/// The hellos behind <c>vm-snapshot</c>: the first instance boots, answers a warm-up request and is snapshotted;
/// every later single-use instance is restored from that snapshot. On the emulated CPU always
/// (<c>vm-snapshot-emulated</c>) and on KVM where it boots a guest. Runs alone: one test counts the process's fds,
/// threads and mappings.
/// </summary>
[Collection(typeof(ChildProcessCounting))]
public sealed class VmSnapshotInvocationTests : IAsyncLifetime
{
    /// <summary>
    /// Room for what the whole test process grows by anyway (connection and thread pools, GC heap mappings); a leak
    /// is at least one per restore, a thousand here.
    /// </summary>
    private const int FdSlack = 50;
    private const int ThreadSlack = 20;
    private const int MappingSlack = 200;

    /// <summary>A first boot on the emulated CPU (Kestrel's especially) can take many seconds on a loaded 2-core machine.</summary>
    private const string StartLimit = "60s";
    private readonly TempDirectory _data = new("flint-gateway-vm-snapshot");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    public static TheoryData<string> Runtimes() => [.. RuntimeNames()];

    public static TheoryData<string, string> RuntimesAndFunctions() =>
        [.. RuntimeNames().SelectMany(r => new[] { "hello", "hello-kestrel" }.Select(f => (r, f)))];

    [Theory]
    [MemberData(nameof(RuntimesAndFunctions))]
    public async Task Invoke_SingleUse_FirstBootSnapshotsAndTheNextInstancesAreRestored(string runtime, string function)
    {
        await DeployAsync("snap", function, new { runtime, mode = "single-use", timeout = StartLimit });

        using var first = await GetAsync("snap");
        Assert.Contains("snapshotted=", Header(first, "X-Flint-Phases"), StringComparison.Ordinal);
        Assert.Single(SnapshotFiles());

        var payload = RandomNumberGenerator.GetBytes(1 << 20);
        using var echo = await _gateway.Client.PostAsync("/function/snap/echo", new ByteArrayContent(payload), TestContext.Current.CancellationToken);
        Assert.True(echo.StatusCode == HttpStatusCode.OK, $"{echo.StatusCode}: {await echo.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.Equal(payload, await echo.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        AssertRestored(echo);

        using var again = await GetAsync("snap");
        AssertRestored(again);
        Assert.NotEqual(Header(echo, "X-Flint-Instance"), Header(again, "X-Flint-Instance"));
        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("snap") == 0));
    }

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task Invoke_DamagedSnapshot_IsDiscardedAndTakenAgain(string runtime)
    {
        await DeployAsync("damaged", "hello", new { runtime, mode = "single-use", timeout = StartLimit });
        (await GetAsync("damaged")).Dispose();
        var file = Assert.Single(SnapshotFiles());
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = stream.Length - 100;
            var b = stream.ReadByte();
            stream.Position = stream.Length - 100;
            stream.WriteByte((byte)~b);
        }

        using var rebooted = await GetAsync("damaged");
        Assert.Contains("snapshotted=", Header(rebooted, "X-Flint-Phases"), StringComparison.Ordinal);
        Assert.Contains("does not match its checksum", await _gateway.LogsAsync("damaged"), StringComparison.Ordinal);

        File.WriteAllBytes(file, File.ReadAllBytes(file)[..5000]);
        var truncatedLength = new FileInfo(file).Length;
        using var afterTruncation = await GetAsync("damaged");
        Assert.Contains("snapshotted=", Header(afterTruncation, "X-Flint-Phases"), StringComparison.Ordinal);
        Assert.True(new FileInfo(file).Length > truncatedLength);

        using var restored = await GetAsync("damaged");
        Assert.Contains("restored=", Header(restored, "X-Flint-Phases"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task Invoke_RedeployWithOtherEnvironment_TakesANewSnapshot(string runtime)
    {
        await DeployAsync("redeploy", "hello", new { runtime, mode = "single-use", timeout = StartLimit, env = new Dictionary<string, string> { ["GREETING"] = "one" } });
        (await GetAsync("redeploy")).Dispose();
        using (var restored = await GetAsync("redeploy"))
        {
            Assert.Contains("restored=", Header(restored, "X-Flint-Phases"), StringComparison.Ordinal);
        }

        await DeployAsync("redeploy", "hello", new { runtime, mode = "single-use", timeout = StartLimit, env = new Dictionary<string, string> { ["GREETING"] = "two" } }, update: true);
        using var booted = await GetAsync("redeploy");
        Assert.Contains("snapshotted=", Header(booted, "X-Flint-Phases"), StringComparison.Ordinal);
        Assert.Equal(2, SnapshotFiles().Length);
    }

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task Invoke_ThousandSingleUseRestores_LeaveNoHostFdThreadOrMapping(string runtime)
    {
        await DeployAsync("burst", "hello", new { runtime, mode = "single-use", timeout = StartLimit });
        (await GetAsync("burst")).Dispose();
        (await GetAsync("burst")).Dispose();
        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("burst") == 0));
        var (fds, threads, mappings) = (OpenFds(), Threads(), Mappings());

        for (var i = 0; i < 1000; i++)
        {
            using var response = await GetAsync("burst");
            Assert.Contains("restored=", Header(response, "X-Flint-Phases"), StringComparison.Ordinal);
        }

        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("burst") == 0));
        Assert.True(await Eventually.TrueAsync(() => OpenFds() <= fds + FdSlack), $"fds: {fds} before 1000 restores, {OpenFds()} after");
        Assert.True(await Eventually.TrueAsync(() => Threads() <= threads + ThreadSlack), $"threads: {threads} before 1000 restores, {Threads()} after");
        Assert.True(await Eventually.TrueAsync(() => Mappings() <= mappings + MappingSlack), $"mappings: {mappings} before 1000 restores, {Mappings()} after");
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }

    private static IEnumerable<string> RuntimeNames()
    {
        yield return Flint.Runtimes.RuntimeNames.VmSnapshotEmulated;
        if (VmPlatform.All.Any(p => p.Name == VmPlatform.KvmName && p.Available))
        {
            yield return Flint.Runtimes.RuntimeNames.VmSnapshot;
        }
    }

    private string[] SnapshotFiles() =>
        Directory.Exists(Path.Combine(_data.Path, "snapshots")) ? Directory.GetFiles(Path.Combine(_data.Path, "snapshots"), "*.snap") : [];

    private async Task DeployAsync(string name, string function, object extra, bool update = false) =>
        await _gateway.DeployAsync(name, await ReferenceFunctions.BuildAsync(function), extra, update);

    private async Task<HttpResponseMessage> GetAsync(string name)
    {
        var response = await _gateway.Client.GetAsync($"/function/{name}/", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        Assert.Equal("Hello from Flint!\n", body);
        return response;
    }

    /// <summary>The instance was restored (its phases have <c>restored</c>, in time order among the others), not booted.</summary>
    private static void AssertRestored(HttpResponseMessage response)
    {
        var phases = Header(response, "X-Flint-Phases");
        Assert.Matches("(^|;)restored=[0-9.]+ms(;|$)", phases);
        Assert.DoesNotContain("snapshotted=", phases, StringComparison.Ordinal);
        Assert.DoesNotContain("listening=", phases, StringComparison.Ordinal);
    }

    private static int OpenFds() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    private static int Threads() => Directory.GetDirectories("/proc/self/task").Length;

    private static int Mappings() => File.ReadLines("/proc/self/maps").Count();

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
