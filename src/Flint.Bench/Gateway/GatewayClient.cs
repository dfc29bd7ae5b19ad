using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flint.Bench.ColdStart;

namespace Flint.Bench.Gateway;

/// <summary>Talks to a Flint gateway over HTTP on loopback: runtimes, deploy, delete, invoke.</summary>
public sealed class GatewayClient : IDisposable
{
    public const string InstanceHeader = "X-Flint-Instance";
    public const string ColdStartHeader = "X-Flint-Cold-Start";

    private static readonly TimeSpan TeardownPollInterval = TimeSpan.FromMilliseconds(2);

    private readonly HttpClient _http;
    private readonly string? _adminToken;

    /// <summary>A client of the gateway at <paramref name="gatewayUrl"/>; <paramref name="adminToken"/>, when given, is sent as a bearer token on every call.</summary>
    public GatewayClient(Uri gatewayUrl, TimeSpan requestTimeout, string? adminToken = null)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
        _http = new HttpClient(handler) { BaseAddress = LoopbackAddress.Require(gatewayUrl), Timeout = requestTimeout };
        _adminToken = adminToken;
        if (adminToken is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminToken);
        }
    }

    public async Task<IReadOnlyList<RuntimeStatus>> GetRuntimesAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri("system/runtimes", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "GET /system/runtimes", cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(GatewayJsonContext.Default.ListRuntimeStatus, cancellationToken).ConfigureAwait(false) ?? [];
    }

    /// <summary>Deploys the function; one left behind by an interrupted run (409) is deleted and deployed again.</summary>
    public async Task DeployAsync(FunctionDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        using var response = await PostDeploymentAsync(deployment, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            await DeleteAsync(deployment.Name, cancellationToken).ConfigureAwait(false);
            using var retry = await PostDeploymentAsync(deployment, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(retry, $"deploy {deployment.Name}", cancellationToken).ConfigureAwait(false);
            return;
        }

        await EnsureSuccessAsync(response, $"deploy {deployment.Name}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the function; one that is already gone is fine.</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync(new Uri($"system/functions/{Uri.EscapeDataString(name)}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, $"delete {name}", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A blocking connection to the same gateway for timed function calls, with the same token and timeout; the caller disposes it.</summary>
    public RawGatewayConnection OpenRawConnection() => new(_http.BaseAddress!, _http.Timeout, _adminToken);

    /// <summary>GETs <c>/function/{name}/{path}</c> and times it from send to the body's last byte.</summary>
    public async Task<Invocation> InvokeAsync(string name, string path, CancellationToken cancellationToken)
    {
        var uri = new Uri($"function/{Uri.EscapeDataString(name)}/{path.TrimStart('/')}", UriKind.Relative);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var start = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return new Invocation(
            (int)response.StatusCode,
            body,
            total,
            Header(response, InstanceHeader),
            bool.TryParse(Header(response, ColdStartHeader), out var cold) ? cold : null,
            PhaseHeader.Parse(Header(response, PhaseHeader.Name)));
    }

    /// <summary>
    /// Waits until the gateway reports no instances of the function, live or still being torn down (a single-use
    /// instance is torn down after its response), so one request's teardown never overlaps the next one's cold start.
    /// </summary>
    public async Task WaitForNoInstancesAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var uri = new Uri($"system/functions/{Uri.EscapeDataString(name)}", UriKind.Relative);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, $"get {name}", cancellationToken).ConfigureAwait(false);
            using var function = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = function.RootElement;
            if (root.TryGetProperty("instances", out var instances) && instances.GetInt32() == 0
                && (!root.TryGetProperty("stopping", out var stopping) || stopping.GetInt32() == 0))
            {
                return;
            }

            await Task.Delay(TeardownPollInterval, cancellationToken).ConfigureAwait(false);
        }

        throw new GatewayException($"{name} still had instances {timeout.TotalSeconds:0} s after its last response");
    }

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> PostDeploymentAsync(FunctionDeployment deployment, CancellationToken cancellationToken) =>
        _http.PostAsJsonAsync(new Uri("system/functions", UriKind.Relative), deployment, GatewayJsonContext.Default.FunctionDeployment, cancellationToken);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? error = null;
        try
        {
            error = System.Text.Json.JsonSerializer.Deserialize(text, GatewayJsonContext.Default.GatewayError)?.Error;
        }
        catch (System.Text.Json.JsonException)
        {
            error = text;
        }

        throw new GatewayException($"{operation}: gateway answered {(int)response.StatusCode}: {error ?? text}");
    }
}
