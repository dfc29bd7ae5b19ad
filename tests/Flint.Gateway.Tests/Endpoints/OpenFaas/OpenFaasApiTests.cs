using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flint.Testing;
using Microsoft.OpenApi.Models;

namespace Flint.Gateway.Tests.Endpoints.OpenFaas;

/// <summary>The OpenFaaS-compatible API, driven as faas-cli drives it and checked against OpenFaaS's published description.</summary>
public sealed class OpenFaasApiTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;
    private HttpClient _faas = null!;

    public async ValueTask InitializeAsync()
    {
        _gateway = await RunningGateway.StartAsync(_data.Path);
        _faas = OpenFaasClient.For(_gateway);
    }

    [Fact]
    public async Task Deploy_FaasCliBody_ListsInvokesAndDeletes()
    {
        var image = await NativeTestFunctions.EchoesRequestAsync();

        using var deployed = await _faas.PostAsync("/system/functions", OpenFaasClient.Deployment("echo", image, envVars: """{"GREETING":"hi"}""", limits: """{"memory":"128Mi","cpu":"500m"}"""), TestContext.Current.CancellationToken);
        var answer = await _faas.PostAsync("/function/echo/some/path?x=1", OpenFaasClient.Json("ping"), TestContext.Current.CancellationToken);
        var list = await _faas.GetFromJsonAsync<JsonElement>("/system/functions", TestContext.Current.CancellationToken);
        using var deleted = await _faas.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/system/functions") { Content = OpenFaasClient.Json("""{"functionName":"echo"}""") }, TestContext.Current.CancellationToken);
        using var afterDelete = await _faas.GetAsync("/system/function/echo", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, deployed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("POST /some/path?x=1 ", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var entry = Assert.Single(list.EnumerateArray());
        Assert.Equal("echo", entry.GetProperty("name").GetString());
        Assert.Equal(image, entry.GetProperty("image").GetString());
        Assert.Equal(1, entry.GetProperty("invocationCount").GetInt64());
        Assert.Equal("hi", entry.GetProperty("envVars").GetProperty("GREETING").GetString());
        Assert.Equal("1", entry.GetProperty("labels").GetProperty("com.openfaas.scale.min").GetString());
        Assert.Equal("128Mi", entry.GetProperty("limits").GetProperty("memory").GetString());
        Assert.Equal("0.5", entry.GetProperty("limits").GetProperty("cpu").GetString());
        Assert.Equal("100m", entry.GetProperty("requests").GetProperty("cpu").GetString());
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
    }

    [Fact]
    public async Task FlintAnnotations_SetRuntimeModeAndTimeouts()
    {
        var annotations = """{"com.flint.runtime":"process","com.flint.mode":"keep-warm","com.flint.idle-timeout":"45s","com.flint.timeout":"5","com.flint.max-concurrency":"3","topic":"kept"}""";

        using var deployed = await _faas.PostAsync("/system/functions", OpenFaasClient.Deployment("warm", await NativeTestFunctions.EchoesRequestAsync(), annotations), TestContext.Current.CancellationToken);
        var flint = await _gateway.Client.GetFromJsonAsync<JsonElement>("/system/functions/warm", TestContext.Current.CancellationToken);
        var status = await _faas.GetFromJsonAsync<JsonElement>("/system/function/warm", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, deployed.StatusCode);
        Assert.Equal("keep-warm", flint.GetProperty("mode").GetString());
        Assert.Equal(45, flint.GetProperty("idleTimeout").GetDouble());
        Assert.Equal(5, flint.GetProperty("timeout").GetDouble());
        Assert.Equal(3, flint.GetProperty("maxConcurrency").GetInt32());
        Assert.Equal("kept", status.GetProperty("annotations").GetProperty("topic").GetString());
        Assert.Equal("keep-warm", status.GetProperty("mode").GetString());
    }

    public static TheoryData<string, string> BadDeployments() => new()
    {
        { """{"annotations":{"com.flint.mode":"lukewarm"}}""", "com.flint.mode" },
        { """{"annotations":{"com.flint.runtime":"nope"}}""", "com.flint.runtime" },
        { """{"annotations":{"com.flint.idle-timeout":"soon"}}""", "com.flint.idle-timeout" },
        { """{"annotations":{"com.flint.max-instances":"0"}}""", "com.flint.max-instances" },
        { """{"annotations":{"com.flint.auth":"maybe"}}""", "com.flint.auth" },
        { """{"annotations":{"com.flint.colour":"red"}}""", "com.flint.colour" },
        { """{"limits":{"memory":"lots"}}""", "limits.memory" },
        { """{"limits":{"cpu":"fast"}}""", "limits.cpu" },
        { """{"requests":{"memory":"-1"}}""", "requests.memory" },
        { """{"secrets":["db-password"]}""", "secrets" },
        { """{"namespace":"team-a"}""", "namespace" },
        { """{"envVars":{"PORT":"1"}}""", "envVars" },
        { """{"service":"Not_A_Name"}""", "service" },
        { """{"replicas":3}""", "replicas" },
    };

    [Theory]
    [MemberData(nameof(BadDeployments))]
    public async Task Deploy_BadField_Returns400NamingIt(string overrides, string field)
    {
        using var body = await OpenFaasClient.DeploymentWithAsync("bad", await NativeTestFunctions.EchoesRequestAsync(), overrides);

        using var response = await _faas.PostAsync("/system/functions", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_RegistryReferenceWithoutItsRegistry_Returns400AskingForIt()
    {
        using var response = await _faas.PostAsync("/system/functions", OpenFaasClient.Deployment("remote", "functions/nodeinfo:latest"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("without its registry", await ErrorBody.ReadAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_ReferencePinnedToAnUploadedDigest_RunsThatImage()
    {
        await _gateway.DeployAsync("first", await NativeTestFunctions.EchoesRequestAsync());
        var digest = (await _gateway.Client.GetFromJsonAsync<JsonElement>("/system/functions/first", TestContext.Current.CancellationToken)).GetProperty("image").GetString();
        var reference = $"echo:latest@{digest}";

        using var deployed = await _faas.PostAsync("/system/functions", OpenFaasClient.Deployment("pinned", reference), TestContext.Current.CancellationToken);
        var status = await _faas.GetFromJsonAsync<JsonElement>("/system/function/pinned", TestContext.Current.CancellationToken);
        var flint = await _gateway.Client.GetFromJsonAsync<JsonElement>("/system/functions/pinned", TestContext.Current.CancellationToken);
        var answer = await _faas.GetStringAsync("/function/pinned/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, deployed.StatusCode);
        Assert.Equal(reference, status.GetProperty("image").GetString());
        Assert.Equal(digest, flint.GetProperty("image").GetString());
        Assert.StartsWith("GET / ", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ChangesTheFunction_AndAnUnknownOneIs404()
    {
        var image = await NativeTestFunctions.EchoesRequestAsync();
        using var deployed = await _faas.PostAsync("/system/functions", OpenFaasClient.Deployment("changing", image, envVars: """{"WHO":"old"}"""), TestContext.Current.CancellationToken);

        using var updated = await _faas.PutAsync("/system/functions", OpenFaasClient.Deployment("changing", image, envVars: """{"WHO":"new"}"""), TestContext.Current.CancellationToken);
        using var unknown = await _faas.PutAsync("/system/functions", OpenFaasClient.Deployment("nobody", image), TestContext.Current.CancellationToken);
        var status = await _faas.GetFromJsonAsync<JsonElement>("/system/function/changing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, deployed.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, updated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("new", status.GetProperty("envVars").GetProperty("WHO").GetString());
    }

    [Fact]
    public async Task Deploy_SameServiceTwice_Returns409()
    {
        var image = await NativeTestFunctions.EchoesRequestAsync();
        using var first = await _faas.PostAsync("/system/functions", OpenFaasClient.Deployment("twice", image), TestContext.Current.CancellationToken);

        using var second = await _faas.PostAsync("/system/functions", OpenFaasClient.Deployment("twice", image), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task Delete_UnknownFunction_Returns404()
    {
        using var response = await _faas.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/system/functions") { Content = OpenFaasClient.Json("""{"functionName":"ghost"}""") }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task FunctionStatus_HasTheFieldsOpenFaasDescribes()
    {
        await _gateway.DeployAsync("flint-style", await NativeTestFunctions.EchoesRequestAsync(), new { limits = new { memory = 100_000, cpus = 1 } });
        using var deployed = await _faas.PostAsync("/system/functions", OpenFaasClient.Deployment("faas-style", await NativeTestFunctions.EchoesRequestAsync()), TestContext.Current.CancellationToken);
        var list = await _faas.GetFromJsonAsync<JsonElement>("/system/functions", TestContext.Current.CancellationToken);
        var one = await _faas.GetFromJsonAsync<JsonElement>("/system/function/faas-style", TestContext.Current.CancellationToken);
        var described = OpenFaasSpec.Properties("FunctionStatus");

        Assert.Equal(HttpStatusCode.Accepted, deployed.StatusCode);
        Assert.Equal(2, list.GetArrayLength());
        foreach (var entry in list.EnumerateArray().Append(one))
        {
            var fields = entry.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            Assert.Subset(described.Union(FlintFields).ToHashSet(), fields);
            Assert.Subset(fields, OpenFaasSpec.Required("FunctionStatus").Union(["invocationCount", "replicas", "availableReplicas", "envVars", "labels", "annotations"]).ToHashSet());
            if (entry.GetProperty("limits") is { ValueKind: JsonValueKind.Object } limits)
            {
                Assert.Subset(OpenFaasSpec.Properties("FunctionResources"), limits.EnumerateObject().Select(p => p.Name).ToHashSet());
                Assert.All(limits.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
            }
        }
    }

    [Fact]
    public async Task SystemInfo_HasTheFieldsOpenFaasDescribes()
    {
        var info = await _faas.GetFromJsonAsync<JsonElement>("/system/info", TestContext.Current.CancellationToken);

        AssertShape(info, "GatewayInfo");
        AssertShape(info.GetProperty("provider"), "ProviderInfo");
        AssertShape(info.GetProperty("version"), "VersionInfo");
        AssertShape(info.GetProperty("provider").GetProperty("version"), "VersionInfo");
        Assert.Equal("flint", info.GetProperty("provider").GetProperty("provider").GetString());
    }

    [Fact]
    public void Routes_AreOnesOpenFaasDescribes()
    {
        Assert.True(OpenFaasSpec.HasOperation("/system/functions", OperationType.Get));
        Assert.True(OpenFaasSpec.HasOperation("/system/functions", OperationType.Post));
        Assert.True(OpenFaasSpec.HasOperation("/system/functions", OperationType.Put));
        Assert.True(OpenFaasSpec.HasOperation("/system/functions", OperationType.Delete));
        Assert.True(OpenFaasSpec.HasOperation("/system/function/{functionName}", OperationType.Get));
        Assert.True(OpenFaasSpec.HasOperation("/system/info", OperationType.Get));
        Assert.True(OpenFaasSpec.HasOperation("/async-function/{functionName}", OperationType.Post));
    }

    public async ValueTask DisposeAsync()
    {
        _faas.Dispose();
        await _gateway.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Flint's own fields beside OpenFaaS's in a function's status.</summary>
    private static readonly string[] FlintFields = ["runtime", "mode"];

    private static void AssertShape(JsonElement value, string schema)
    {
        var fields = value.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(OpenFaasSpec.Properties(schema), fields);
        Assert.Subset(fields, OpenFaasSpec.Required(schema));
    }
}
