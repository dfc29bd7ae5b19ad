using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flint.Runtimes;
using Flint.Testing;

namespace Flint.Gateway.Tests.Endpoints;

public sealed class DeployValidationTests : IAsyncLifetime
{
    private const int BodyLimit = 64 * 1024;
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;
    private string _image = "";

    public async ValueTask InitializeAsync()
    {
        _image = await ReferenceFunctions.HelloAsync();
        _gateway = await RunningGateway.StartAsync(_data.Path, options => options with
        {
            MaxRequestBodyBytes = BodyLimit,
            CreateRuntimes = runtimeOptions =>
            {
                var registry = DefaultRuntimes.Create(runtimeOptions);
                registry.Add(new UnavailableRuntime());
                return registry;
            },
        });
    }

    public static TheoryData<string, string, string> InvalidSpecs() => new()
    {
        { "Hello", """{}""", "not a valid function name" },
        { "-hello", """{}""", "not a valid function name" },
        { "hello_world", """{}""", "not a valid function name" },
        { new string('a', 64), """{}""", "not a valid function name" },
        { "ok", """{"runtime":"nope"}""", "unknown runtime 'nope'" },
        { "ok", """{"runtime":"unavailable"}""", "not available on this host: needs hardware this host lacks" },
        { "ok", """{"mode":"sometimes"}""", "mode 'sometimes' is not one of" },
        { "ok", """{"limits":{"memory":"lots"}}""", "limits.memory" },
        { "ok", """{"limits":{"memory":-5}}""", "limits.memory" },
        { "ok", """{"limits":{"cpus":0}}""", "limits.cpus" },
        { "ok", """{"limits":{"pids":0}}""", "limits.pids" },
        { "ok", """{"idleTimeout":"soon"}""", "idleTimeout must be a duration" },
        { "ok", """{"timeout":-1}""", "timeout must be a duration" },
        { "ok", """{"timeout":"3d"}""", "timeout must be a duration" },
        { "ok", """{"timeout":1e-300}""", "timeout must be a duration" },
        { "ok", """{"idleTimeout":"0.000001s"}""", "idleTimeout must be a duration" },
        { "ok", """{"maxConcurrency":0}""", "maxConcurrency and maxInstances" },
        { "ok", """{"maxInstances":100000}""", "maxConcurrency and maxInstances" },
        { "ok", """{"env":{"1BAD":"x"}}""", "'1BAD' is not a valid variable name" },
        { "ok", """{"env":{"PORT":"80"}}""", "PORT is set by the runtime" },
        { "ok", """{"colour":"blue"}""", "unknown field 'colour'" },
        { "ok", """{"maxInstances":"many"}""", "field 'maxInstances' has the wrong type" },
        { "ok", """{"limits":{"cpus":"two"}}""", "field 'limits.cpus' has the wrong type" },
        { "../etc", """{}""", "not a valid function name" },
        { "a/b", """{}""", "not a valid function name" },
        { "a\\b", """{}""", "not a valid function name" },
        { "a%2fb", """{}""", "not a valid function name" },
        { "", """{}""", "not a valid function name" },
        { "ok", """{"mode":5}""", "field 'mode' has the wrong type" },
        { "ok", """{"env":[1]}""", "field 'env' has the wrong type" },
        { "ok", """{"limits":"small"}""", "field 'limits' has the wrong type" },
        { "ok", """{"timeout":true}""", "timeout must be a duration" },
        { "ok", """{"maxConcurrency":1e12}""", "maxConcurrency" },
        { "ok", """{"maxConcurrency":2.5}""", "maxConcurrency" },
        { "ok", """{"limits":{"memory":"99999999999999Ti"}}""", "limits.memory" },
        { "ok", """{"limits":{"pids":99999999999999999999}}""", "limits.pids" },
        { "ok", """{"idleTimeout":"99999999999h"}""", "idleTimeout must be a duration" },
        { "ok", """{"limits":{"cpus":-1}}""", "limits.cpus must be a positive number of CPUs" },
        { "ok", """{"limits":{"cpus":1024.5}}""", "limits.cpus must be a positive number of CPUs" },
        { "ok", """{"limits":{"pids":-1}}""", "limits.pids must be a positive number" },
        { "ok", """{"maxConcurrency":10001}""", "maxConcurrency and maxInstances must be between 1 and 10000" },
        { "ok", """{"maxInstances":0}""", "maxConcurrency and maxInstances must be between 1 and 10000" },
        { "ok", """{"maxInstances":10001}""", "maxConcurrency and maxInstances must be between 1 and 10000" },
        { "ok", """{"env":{"A":"x\u0000y"}}""", "env: the value of 'A' must be a string without NUL characters" },
        { "ok", """{"env":{"A":null}}""", "env: the value of 'A' must be a string without NUL characters" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public async Task Deploy_InvalidSpec_Returns400NamingTheProblem(string name, string fields, string expected)
    {
        var body = $$"""{"name":{{System.Text.Json.JsonSerializer.Serialize(name)}},"image":{{System.Text.Json.JsonSerializer.Serialize(_image)}},{{fields[1..]}}""";
        body = body.Replace(",}", "}", StringComparison.Ordinal);

        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Json(body), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_OnlyNameAndImage_TakesTheDefaults()
    {
        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Create("plain", _image), TestContext.Current.CancellationToken);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("process", view.GetProperty("runtime").GetString());
        Assert.Equal("single-use", view.GetProperty("mode").GetString());
        Assert.Empty(view.GetProperty("env").EnumerateObject());
        Assert.Equal(1, view.GetProperty("maxConcurrency").GetInt32());
        Assert.Equal(10, view.GetProperty("maxInstances").GetInt32());
        Assert.Equal(30, view.GetProperty("idleTimeout").GetDouble());
        Assert.Equal(10, view.GetProperty("timeout").GetDouble());
        Assert.False(view.GetProperty("auth").GetBoolean());
    }

    [Fact]
    public async Task Deploy_EveryFieldAtItsBound_IsAcceptedAsGiven()
    {
        var extra = new { env = new Dictionary<string, string> { ["A"] = "1" }, maxConcurrency = 10_000, maxInstances = 1, auth = true, limits = new { cpus = 1024, pids = 1 } };

        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Create("bounds", _image, extra), TestContext.Current.CancellationToken);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("1", view.GetProperty("env").GetProperty("A").GetString());
        Assert.Equal(10_000, view.GetProperty("maxConcurrency").GetInt32());
        Assert.Equal(1, view.GetProperty("maxInstances").GetInt32());
        Assert.True(view.GetProperty("auth").GetBoolean());
        Assert.Equal(1024, view.GetProperty("limits").GetProperty("cpus").GetDouble());
        Assert.Equal(1, view.GetProperty("limits").GetProperty("pids").GetInt32());
    }

    [Fact]
    public async Task Deploy_MissingImage_Returns400WithImageError()
    {
        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Create("ok", _data.Combine("no-such-image")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("does not exist", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_DirectoryThatIsNoImage_Returns400WithImageError()
    {
        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Create("ok", _data.Path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("neither an OCI image layout", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Deploy_InvalidJson_Returns400(string body)
    {
        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Json(body), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await ErrorBody.ReadAsync(response));
    }

    [Fact]
    public async Task Deploy_OversizedBody_Returns413()
    {
        var padding = new string(' ', BodyLimit + 1);

        using var response = await _gateway.Client.PostAsync("/system/functions", DeploySpec.Json("{" + padding + "}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Invoke_OversizedBody_Returns413()
    {
        await _gateway.DeployHelloAsync("big");

        using var response = await _gateway.Client.PostAsync("/function/big/echo", new ByteArrayContent(new byte[BodyLimit + 1]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the gateway accepts", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_OversizedChunkedBody_Returns413WhileForwarding()
    {
        await _gateway.DeployHelloAsync("chunked");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/function/chunked/echo") { Content = new ByteArrayContent(new byte[BodyLimit * 2]) };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _gateway.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // Without a Content-Length the size is only known while the body streams to the instance;
        // the refusal before forwarding names the limit in bytes, this one cannot.
        Assert.Equal("the request body is larger than the gateway accepts", await ErrorBody.ReadAsync(response));
    }

    [Fact]
    public async Task Update_BodyNamesAnotherFunction_Returns400()
    {
        using var response = await _gateway.Client.PutAsync("/system/functions/one", DeploySpec.Create("two", _image), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
