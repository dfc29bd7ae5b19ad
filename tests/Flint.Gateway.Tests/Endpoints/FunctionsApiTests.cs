using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flint.Testing;

namespace Flint.Gateway.Tests.Endpoints;

public sealed class FunctionsApiTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Fact]
    public async Task Deploy_ThenListGetDelete_RoundTrips()
    {
        await _gateway.DeployHelloAsync("hello", new { mode = "keep-warm", env = new Dictionary<string, string> { ["GREETING"] = "hi" }, limits = new { memory = "128Mi", cpus = 0.5, pids = 64 }, idleTimeout = "45s", timeout = 5 });

        var list = await _gateway.Client.GetFromJsonAsync<JsonElement>("/system/functions", TestContext.Current.CancellationToken);
        var function = await _gateway.Client.GetFromJsonAsync<JsonElement>("/system/functions/hello", TestContext.Current.CancellationToken);
        using var deleted = await _gateway.Client.DeleteAsync("/system/functions/hello", TestContext.Current.CancellationToken);
        using var afterDelete = await _gateway.Client.GetAsync("/system/functions/hello", TestContext.Current.CancellationToken);

        Assert.Equal("hello", Assert.Single(list.EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("process", function.GetProperty("runtime").GetString());
        Assert.Equal("keep-warm", function.GetProperty("mode").GetString());
        Assert.Equal("hi", function.GetProperty("env").GetProperty("GREETING").GetString());
        Assert.Equal(128L * 1024 * 1024, function.GetProperty("limits").GetProperty("memory").GetInt64());
        Assert.Equal(45, function.GetProperty("idleTimeout").GetDouble());
        Assert.Equal(5, function.GetProperty("timeout").GetDouble());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
    }

    [Fact]
    public async Task Deploy_SameNameTwice_Returns409AndPutUpdates()
    {
        await _gateway.DeployHelloAsync("twice");
        var image = await ReferenceFunctions.HelloAsync();

        using var duplicate = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Create("twice", image), TestContext.Current.CancellationToken);
        using var update = await _gateway.Client.PutAsync("/system/functions/twice", DeploySpec.Create("twice", image, new { mode = "keep-warm" }), TestContext.Current.CancellationToken);
        var function = await _gateway.Client.GetFromJsonAsync<JsonElement>("/system/functions/twice", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("already exists", await ErrorBody.ReadAsync(duplicate), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("keep-warm", function.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Delete_WithAWarmInstance_StopsItsProcessBeforeAnswering()
    {
        await _gateway.DeployAsync("doomed", await NativeTestFunctions.NamesItselfAsync(), new { mode = "keep-warm" });
        var pid = await WarmPidAsync("doomed");

        using var deleted = await _gateway.Client.DeleteAsync("/system/functions/doomed", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.True(IsGone(pid), $"instance process {pid} still runs after its function was deleted");
    }

    [Fact]
    public async Task Update_WithAWarmInstance_StopsTheOldProcessBeforeAnswering()
    {
        var image = await NativeTestFunctions.NamesItselfAsync();
        await _gateway.DeployAsync("changing", image, new { mode = "keep-warm", env = new Dictionary<string, string> { ["WHO"] = "old" } });
        var pid = await WarmPidAsync("changing");

        using var update = await _gateway.Client.PutAsync(
            "/system/functions/changing",
            DeploySpec.Create("changing", image, new { mode = "keep-warm", env = new Dictionary<string, string> { ["WHO"] = "new" } }),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.True(IsGone(pid), $"instance process {pid} still runs after its function was replaced");
        var body = await _gateway.Client.GetStringAsync("/function/changing/", TestContext.Current.CancellationToken);
        Assert.StartsWith("WHO=new ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Functions_AfterGatewayRestartOnSameDataDirectory_AreStillDeployedAndInvocable()
    {
        await _gateway.DeployHelloAsync("survivor", new { mode = "keep-warm" });
        await _gateway.DisposeAsync();

        _gateway = await RunningGateway.StartAsync(_data.Path);
        var function = await _gateway.Client.GetFromJsonAsync<JsonElement>("/system/functions/survivor", TestContext.Current.CancellationToken);
        var body = await _gateway.Client.GetStringAsync("/function/survivor/", TestContext.Current.CancellationToken);

        Assert.Equal("keep-warm", function.GetProperty("mode").GetString());
        Assert.Equal("Hello from Flint!\n", body);
    }

    [Fact]
    public async Task Runtimes_OnThisHost_ListsProcessAsAvailable()
    {
        var runtimes = await _gateway.Client.GetFromJsonAsync<JsonElement>("/system/runtimes", TestContext.Current.CancellationToken);

        var process = Assert.Single(runtimes.EnumerateArray(), r => r.GetProperty("name").GetString() == "process");
        Assert.True(process.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task Healthz_Always_ReturnsOk()
    {
        using var response = await _gateway.Client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownEndpointOrFunction_Returns404WithJsonError()
    {
        using var endpoint = await _gateway.Client.GetAsync("/nope", TestContext.Current.CancellationToken);
        using var function = await _gateway.Client.GetAsync("/function/missing/", TestContext.Current.CancellationToken);
        using var delete = await _gateway.Client.DeleteAsync("/system/functions/missing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, endpoint.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, function.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Contains("'missing' is not deployed", await ErrorBody.ReadAsync(function), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Invokes a <see cref="NativeTestFunctions.NamesItselfAsync"/> function and returns the pid of the instance that answered.</summary>
    private async Task<int> WarmPidAsync(string function)
    {
        var body = await _gateway.Client.GetStringAsync($"/function/{function}/", TestContext.Current.CancellationToken);
        var pid = body.Split(' ', StringSplitOptions.TrimEntries).Single(f => f.StartsWith("PID=", StringComparison.Ordinal))[4..];
        Assert.Equal(1, await _gateway.InstanceCountAsync(function));
        var number = int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(IsGone(number), $"instance process {number} is not a child of the test process");
        return number;
    }

    /// <summary>True once <paramref name="pid"/> is no longer a child of this process (it exited and was reaped).</summary>
    private static bool IsGone(int pid) => !ChildProcesses.OfThisProcess().Any(c => c.Pid == pid);
}
