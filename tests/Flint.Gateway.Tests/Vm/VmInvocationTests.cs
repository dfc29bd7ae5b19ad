using System.Net;
using System.Security.Cryptography;
using Flint.Gateway.Tests.Scaling;
using Flint.Testing;
using Flint.Vm;

namespace Flint.Gateway.Tests.Vm;

/// <summary>
/// The repository's NativeAOT hello and Kestrel hello, unchanged, booted in Flint VMs behind the gateway: on the
/// emulated CPU always (<c>vm-emulated</c>) and on KVM where it boots a guest (<c>vm</c>). Runs alone: one test
/// counts the process's fds and threads.
/// </summary>
[Collection(typeof(ChildProcessCounting))]
public sealed class VmInvocationTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway-vm");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    /// <summary>The vm runtimes that run on a different platform each on this host.</summary>
    public static TheoryData<string> Runtimes() => [.. RuntimeNames()];

    public static TheoryData<string, string> RuntimesAndFunctions() =>
        [.. RuntimeNames().SelectMany(r => new[] { "hello", "hello-kestrel" }.Select(f => (r, f)))];

    [Theory]
    [MemberData(nameof(RuntimesAndFunctions))]
    public async Task Invoke_SingleUse_AnswersAndEchoesAMegabyteFromFreshVms(string runtime, string function)
    {
        await DeployAsync("once", function, new { runtime, mode = "single-use" });
        var payload = RandomNumberGenerator.GetBytes(1 << 20);

        using var hello = await _gateway.Client.GetAsync("/function/once/", TestContext.Current.CancellationToken);
        using var echo = await _gateway.Client.PostAsync("/function/once/echo", new ByteArrayContent(payload), TestContext.Current.CancellationToken);

        Assert.True(hello.StatusCode == HttpStatusCode.OK, $"{hello.StatusCode}: {await hello.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.Equal("Hello from Flint!\n", await hello.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(echo.StatusCode == HttpStatusCode.OK, $"{echo.StatusCode}: {await echo.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.Equal(payload, await echo.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("true", ResponseHeader.Single(echo, "X-Flint-Cold-Start"));
        Assert.NotEqual(ResponseHeader.Single(hello, "X-Flint-Instance"), ResponseHeader.Single(echo, "X-Flint-Instance"));
        Assert.Matches("listening=[0-9.]+ms;ready=", ResponseHeader.Single(hello, "X-Flint-Phases"));
        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("once") == 0));
    }

    [Theory]
    [MemberData(nameof(RuntimesAndFunctions))]
    public async Task Invoke_KeepWarm_EchoesHundredKilobytesFromOneVm(string runtime, string function)
    {
        await DeployAsync("warm", function, new { runtime, mode = "keep-warm", idleTimeout = "30s" });
        var instances = new HashSet<string>();

        for (var i = 0; i < 3; i++)
        {
            var payload = RandomNumberGenerator.GetBytes(100_000);
            using var echo = await _gateway.Client.PostAsync("/function/warm/echo", new ByteArrayContent(payload), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
            Assert.Equal(payload, await echo.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            instances.Add(ResponseHeader.Single(echo, "X-Flint-Instance"));
        }

        Assert.Single(instances);
        Assert.True(await _gateway.ScalesToZeroAsync("warm", TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task Invoke_HundredSingleUseColdStarts_LeaveNoHostFdOrThread(string runtime)
    {
        await DeployAsync("burst", "hello", new { runtime, mode = "single-use" });
        await GetHelloAsync("burst");
        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("burst") == 0));
        var (fds, threads) = (OpenFds(), Threads());

        for (var i = 0; i < 100; i++)
        {
            await GetHelloAsync("burst");
        }

        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("burst") == 0));
        Assert.True(await Eventually.TrueAsync(() => OpenFds() <= fds + FdSlack), $"fds: {fds} before 100 cold starts, {OpenFds()} after");
        Assert.True(await Eventually.TrueAsync(() => Threads() <= threads + ThreadSlack), $"threads: {threads} before 100 cold starts, {Threads()} after");
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Room for the gateway's own connection and thread pools; a leak is at least one per cold start.</summary>
    private const int FdSlack = 4;
    private const int ThreadSlack = 8;

    private static IEnumerable<string> RuntimeNames()
    {
        yield return Flint.Runtimes.RuntimeNames.VmEmulated;
        if (VmPlatform.All.Any(p => p.Name == VmPlatform.KvmName && p.Available))
        {
            yield return Flint.Runtimes.RuntimeNames.Vm;
        }
    }

    private async Task DeployAsync(string name, string function, object extra) =>
        await _gateway.DeployAsync(name, await ReferenceFunctions.BuildAsync(function), extra);

    private async Task GetHelloAsync(string name)
    {
        using var response = await _gateway.Client.GetAsync($"/function/{name}/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello from Flint!\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static int OpenFds() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    private static int Threads() => Directory.GetDirectories("/proc/self/task").Length;
}
