using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flint.Testing;

namespace Flint.Gateway.Tests.Proxy;

public sealed class FailureTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Fact]
    public async Task Invoke_InstanceExitsBeforeListening_Returns502WithOutputTailAndLogsIt()
    {
        await _gateway.DeployAsync("quitter", await NativeTestFunctions.ExitsAtOnceAsync());

        using var response = await _gateway.Client.GetAsync("/function/quitter/", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var logs = await _gateway.Client.GetFromJsonAsync<JsonElement>("/system/functions/quitter/logs", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("exit status 3", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("giving up at once", body.GetProperty("outputTail").GetString(), StringComparison.Ordinal);
        var line = Assert.Single(logs.GetProperty("lines").EnumerateArray());
        Assert.Equal("stderr", line.GetProperty("stream").GetString());
        Assert.StartsWith("quitter-", line.GetProperty("instance").GetString(), StringComparison.Ordinal);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task Invoke_InstanceCrashesMidRequest_Returns502AndNextRequestGetsAFreshInstance()
    {
        await _gateway.DeployAsync("crasher", await NativeTestFunctions.CrashesMidRequestAsync(), new { mode = "keep-warm", timeout = "5s" });

        using var first = await _gateway.Client.GetAsync("/function/crasher/", TestContext.Current.CancellationToken);
        using var second = await _gateway.Client.GetAsync("/function/crasher/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        var firstError = await ErrorBody.ReadAsync(first);
        Assert.Contains("failed while serving", firstError, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        Assert.NotEqual(InstanceIn(firstError), InstanceIn(await ErrorBody.ReadAsync(second)));
        await AssertHealthyAsync();
    }

    /// <summary>In a VM the runtime holds the listening socket, so the guest's death must reset what is still arriving, not leave it queued to time out.</summary>
    [Theory]
    [InlineData("process")]
    [InlineData("vm")]
    [InlineData("vm-emulated")]
    public async Task Invoke_InstanceCrashesMidRequest_502BodyNamesTheFunctionAndItsLastLines(string runtime)
    {
        await _gateway.RequireRuntimeAsync(runtime);
        await _gateway.DeployAsync("crash-tail", await NativeTestFunctions.CrashesMidRequestAsync(), new { runtime });

        using var response = await _gateway.Client.GetAsync("/function/crash-tail/", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("crash-tail", body.GetProperty("function").GetString());
        Assert.Contains("flint-test: crashing", body.GetProperty("outputTail").GetString(), StringComparison.Ordinal);
        await AssertHealthyAsync();
    }

    /// <summary>
    /// The kernel's OOM killer in the instance's cgroup (process, crun, runc), the daemon's <c>State.OOMKilled</c>
    /// (docker), or the Flint VM's monitor refusing memory past the limit until the guest dies of it (vm).
    /// </summary>
    [Theory]
    [InlineData("process")]
    [InlineData("crun")]
    [InlineData("docker")]
    [InlineData("vm")]
    [InlineData("vm-emulated")]
    public async Task Invoke_InstanceExceedsItsMemoryWhileServing_502SaysItWasKilledForMemory(string runtime)
    {
        if (!runtime.StartsWith("vm", StringComparison.Ordinal))
        {
            HostRequirements.RequireRoot();
        }

        await _gateway.RequireRuntimeAsync(runtime);
        await _gateway.DeployAsync("hog", await NativeTestFunctions.AllocatesOnRequestAsync(), new { runtime, limits = new { memory = "32Mi" }, timeout = "30s" });

        using var response = await _gateway.Client.GetAsync("/function/hog/", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.BadGateway, $"{response.StatusCode}: {body}\n{await _gateway.LogsAsync("hog")}");
        Assert.Contains("killed: memory limit exceeded (33554432 bytes) while serving the request", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("hog", body.GetProperty("function").GetString());
        Assert.Contains("flint-test: allocating", body.GetProperty("outputTail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WarmInstanceCrashes_IsRemovedAndTheNextRequestBootsANewProcess()
    {
        await _gateway.DeployAsync("fragile", await NativeTestFunctions.CrashesOnDemandAsync(), new { mode = "keep-warm", timeout = "5s" });
        using var before = await _gateway.Client.GetAsync("/function/fragile/", TestContext.Current.CancellationToken);
        var firstPid = await PidOf(before);

        using var crash = await _gateway.Client.GetAsync("/function/fragile/crash", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, crash.StatusCode);
        Assert.True(
            await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("fragile") == 0, TimeSpan.FromSeconds(5)),
            "the crashed instance is still in the pool 5 s after its request failed");
        using var after = await _gateway.Client.GetAsync("/function/fragile/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("true", ResponseHeader.Single(after, "X-Flint-Cold-Start"));
        Assert.NotEqual(ResponseHeader.Single(before, "X-Flint-Instance"), ResponseHeader.Single(after, "X-Flint-Instance"));
        Assert.NotEqual(firstPid, await PidOf(after));
    }

    [Fact]
    public async Task Invoke_InstanceNeverAnswers_Returns504AfterTheTimeout()
    {
        await _gateway.DeployAsync("sleeper", await NativeTestFunctions.NeverAnswersAsync(), new { mode = "keep-warm", timeout = "1s" });

        using var response = await _gateway.Client.GetAsync("/function/sleeper/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("did not answer within the function's timeout (1 s)", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
        Assert.True(await Eventually.TrueAsync(async () => await _gateway.InstanceCountAsync("sleeper") == 0));
        Assert.True(
            await Eventually.TrueAsync(() => !ChildProcesses.OfThisProcess().Any(c => c.Command == "never-answers")),
            "the hung instance's process outlived its 504");
        await AssertHealthyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>The pid a <see cref="NativeTestFunctions.CrashesOnDemandAsync"/> instance answered with.</summary>
    private static async Task<int> PidOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("PID=", body, StringComparison.Ordinal);
        return int.Parse(body.AsSpan(4).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The instance an error names ("instance crasher-... failed while serving ...").</summary>
    private static string InstanceIn(string error)
    {
        Assert.StartsWith("instance ", error, StringComparison.Ordinal);
        return error.Split(' ')[1];
    }

    private async Task AssertHealthyAsync()
    {
        using var health = await _gateway.Client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
