using Flint.Cli.Client;
using Flint.Gateway;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flint.Cli.Commands;

/// <summary>
/// Hosts the gateway in this process until Ctrl-C or SIGTERM; instances stop with it. Once it
/// listens, its token is recorded for its address so client verbs on this machine find it.
/// </summary>
internal static class GatewayLauncher
{
    public static async Task<int> RunAsync(GatewayOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDirectory);
        // Flint's own events (deploys, instance failures) at information; the framework's per-request lines only as warnings.
        await using var app = GatewayHost.Build(
            options,
            builder => builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new CliException($"cannot listen on port {options.Port}: {e.Message}");
        }

        var address = GatewayHost.Address(app);
        var recorded = GatewayCredentials.Save(address, options.AdminToken);
        await Console.Error.WriteLineAsync($"flint gateway listening on {address} (data: {options.DataDirectory})").ConfigureAwait(false);
        await Console.Error.WriteLineAsync(recorded is null
            ? "admin token not recorded (no config directory): give clients --token-file or $FLINT_TOKEN"
            : $"admin token recorded for this user in {recorded}; flint verbs on this machine send it").ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
