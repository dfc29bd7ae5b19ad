using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Flint.Gateway.Tests.Endpoints.OpenFaas;

/// <summary>Requests shaped as faas-cli sends them: basic auth as user admin, Go's JSON (nulls for unset maps and lists).</summary>
internal static class OpenFaasClient
{
    public static HttpClient For(RunningGateway gateway)
    {
        var client = gateway.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{gateway.Token}")));
        client.DefaultRequestHeaders.UserAgent.ParseAdd("faas-cli/0.17.0");
        return client;
    }

    /// <summary>A faas-cli deploy body; <paramref name="annotations"/> and <paramref name="envVars"/> are JSON objects or null.</summary>
    public static StringContent Deployment(string service, string image, string annotations = "null", string envVars = "null", string limits = "null") =>
        Json($$"""
            {"service":"{{service}}","image":"{{image}}","namespace":"openfaas-fn","envProcess":"","envVars":{{envVars}},
             "constraints":null,"secrets":null,"labels":{"com.openfaas.scale.min":"1"},"annotations":{{annotations}},
             "limits":{{limits}},"requests":{"memory":"64Mi","cpu":"100m"},"readOnlyRootFilesystem":false}
            """);

    /// <summary>A faas-cli deploy body with the fields of <paramref name="overrides"/> (a JSON object) replacing its own.</summary>
    public static async Task<StringContent> DeploymentWithAsync(string service, string image, string overrides)
    {
        using var plain = Deployment(service, image);
        var body = JsonNode.Parse(await plain.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(overrides)!.AsObject())
        {
            body[key] = value?.DeepClone();
        }

        return Json(body.ToJsonString());
    }

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
