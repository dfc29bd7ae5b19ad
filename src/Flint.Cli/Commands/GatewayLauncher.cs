using Flint.Gateway;
using Microsoft.Extensions.Hosting;

namespace Flint.Cli.Commands;

/// <summary>Hosts the gateway in this process until Ctrl-C or SIGTERM; instances stop with it.</summary>
internal static class GatewayLauncher
{
    public static async Task<int> RunAsync(int port, string dataDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var app = GatewayHost.Build(new GatewayOptions { DataDirectory = dataDirectory, Port = port });
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new Client.CliException($"cannot listen on port {port}: {e.Message}");
        }

        await Console.Error.WriteLineAsync($"flint gateway listening on {GatewayHost.Address(app)} (data: {dataDirectory})").ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
