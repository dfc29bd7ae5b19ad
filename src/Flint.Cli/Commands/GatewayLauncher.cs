namespace Flint.Cli.Commands;

/// <summary>Hosts the gateway in this process.</summary>
internal static class GatewayLauncher
{
    public static Task<int> RunAsync(int port, string dataDirectory, CancellationToken cancellationToken)
    {
        _ = port;
        _ = dataDirectory;
        _ = cancellationToken;
        throw new Client.CliException("the gateway is not part of this build yet");
    }
}
