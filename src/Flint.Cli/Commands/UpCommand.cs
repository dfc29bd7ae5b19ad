using System.CommandLine;
using Flint.Cli.Client;
using Flint.Gateway;
using Flint.Gateway.Security;

namespace Flint.Cli.Commands;

/// <summary>
/// <c>flint up [--port N] [--data DIR] [--token-file FILE] [--images DIR]... [--protect-metrics] [--bench-results DIR]</c>:
/// runs the gateway in the foreground. The admin token is <c>--token-file</c>'s, else
/// <c>$FLINT_TOKEN</c>, else the data directory's <c>admin-token</c> (created on first start).
/// </summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (127.0.0.1)", DefaultValueFactory = _ => 8080 };
        var data = new Option<DirectoryInfo>("--data") { Description = "Data directory (function store, images, admin token)", DefaultValueFactory = _ => new DirectoryInfo(".flint") };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = $"Read the admin token from this file (default: ${ClientToken.EnvironmentVariable}, else <data>/{AdminTokenFile.FileName}, created on first start)" };
        var images = new Option<DirectoryInfo[]>("--images") { Description = "A host directory deploys may name images under (repeatable; by default images are uploaded)", AllowMultipleArgumentsPerToken = false };
        var protectMetrics = new Option<bool>("--protect-metrics") { Description = "Require the admin token for /metrics and /ui too" };
        var benchResults = new Option<DirectoryInfo>("--bench-results") { Description = "Where 'flint bench' wrote its reports; /ui shows the newest", DefaultValueFactory = _ => new DirectoryInfo("bench-results") };
        var command = new Command("up", "Run the gateway on 127.0.0.1 until interrupted") { port, data, tokenFile, images, protectMetrics, benchResults };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            var dataDirectory = parse.GetRequiredValue(data).FullName;
            var options = new GatewayOptions
            {
                DataDirectory = dataDirectory,
                Port = parse.GetValue(port),
                AdminToken = Token(parse.GetValue(tokenFile), dataDirectory),
                ImageRoots = [.. (parse.GetValue(images) ?? []).Select(d => d.FullName)],
                ProtectMetrics = parse.GetValue(protectMetrics),
                BenchResultsDirectory = parse.GetRequiredValue(benchResults).FullName,
            };
            return GatewayLauncher.RunAsync(options, cancellationToken);
        }));
        return command;
    }

    private static string Token(FileInfo? tokenFile, string dataDirectory) =>
        tokenFile is not null ? AdminTokenFile.Read(tokenFile.FullName)
        : ClientToken.FromEnvironment() ?? AdminTokenFile.LoadOrCreate(dataDirectory);
}
