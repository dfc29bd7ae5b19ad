using Flint.Gateway;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flint.Cli.Commands;

/// <summary>Hosts the gateway in this process until Ctrl-C or SIGTERM; instances stop with it.</summary>
internal static class GatewayLauncher
{
    public static async Task<int> RunAsync(int port, string dataDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        // Flint's own events (deploys, instance failures) at information; the framework's per-request lines only as warnings.
        await using var app = GatewayHost.Build(
            new GatewayOptions { DataDirectory = dataDirectory, Port = port },
            builder => builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning));
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
