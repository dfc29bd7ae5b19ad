using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flint.Cli.Client;

/// <summary>Talks to the gateway's HTTP API and turns its JSON errors into one-line messages.</summary>
internal sealed class GatewayClient : IDisposable
{
    private readonly HttpClient _http;

    public GatewayClient(Uri gateway, string? token)
    {
        _http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(5) };
        HasToken = token is not null;
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>Whether a token was found to send.</summary>
    public bool HasToken { get; }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        return SendAsync(request, cancellationToken);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach the gateway at {_http.BaseAddress}: {e.Message} (start it with 'flint up')");
        }
    }

    /// <summary>Sends a request and returns the JSON body of a successful answer, or throws with the gateway's error.</summary>
    public async Task<JsonNode?> JsonAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await SendAsync(method, path, content, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(response, text);
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>The gateway's answer as one line; a 401 also says where the CLI looks for the token.</summary>
    public CliException Failure(HttpResponseMessage response, string body)
    {
        var message = $"{(int)response.StatusCode} {response.ReasonPhrase}: {ErrorMessage(body)}";
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            message += HasToken
                ? " (the token found is not this gateway's: check --token-file or $FLINT_TOKEN)"
                : " (no token found: run this on the gateway's machine after 'flint up', set $FLINT_TOKEN, or pass --token-file)";
        }

        return new CliException(message);
    }

    public static string ErrorMessage(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["error"]?.GetValue<string>() ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    public void Dispose() => _http.Dispose();
}
