using System.Net;
using System.Net.Sockets;
using System.Text;
using Flint.Runtimes;
using Flint.Testing;

namespace Flint.Gateway.Tests.Proxy;

/// <summary>The function's timeout bounds the whole forwarded exchange, and a 504 names the limit that was reached.</summary>
public sealed class TimeoutTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private readonly FullBacklogRuntime _fullBacklog = new();
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path, options => options with
    {
        CreateRuntimes = runtimeOptions =>
        {
            var registry = DefaultRuntimes.Create(runtimeOptions);
            registry.Add(_fullBacklog);
            return registry;
        },
    });

    [Fact]
    public async Task Invoke_RequestBodyTricklesPastTheTimeout_Returns408()
    {
        await _gateway.DeployHelloAsync("slow-body", new { mode = "keep-warm", timeout = "1s" });

        // A raw client: it sends part of the body, then stalls, and reads what the gateway answers.
        using var client = new TcpClient();
        await client.ConnectAsync(_gateway.Client.BaseAddress!.Host, _gateway.Client.BaseAddress.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /function/slow-body/echo HTTP/1.1\r\nHost: flint\r\nContent-Length: 1000\r\n\r\nonly a little"), TestContext.Current.CancellationToken);
        var answer = await new StreamReader(stream, Encoding.ASCII).ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith("HTTP/1.1 408 ", answer, StringComparison.Ordinal);
        Assert.Contains("request body did not arrive within the function's timeout (1 s)", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_InstanceNeverAcceptsTheConnection_Returns504NamingTheConnectLimit()
    {
        await _gateway.DeployHelloAsync("unreachable", new { runtime = FullBacklogRuntime.RuntimeName, mode = "keep-warm", timeout = "60s" });

        using var response = await _gateway.Client.GetAsync("/function/unreachable/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("could not connect to instance full-backlog-1 within 5 s", await ErrorBody.ReadAsync(response));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _fullBacklog.Dispose();
        _data.Dispose();
    }
}
