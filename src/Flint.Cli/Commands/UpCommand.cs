using System.CommandLine;

namespace Flint.Cli.Commands;

/// <summary><c>flint up [--port N] [--data DIR]</c>: runs the gateway in the foreground.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (127.0.0.1)", DefaultValueFactory = _ => 8080 };
        var data = new Option<DirectoryInfo>("--data") { Description = "Data directory (function store, image cache)", DefaultValueFactory = _ => new DirectoryInfo(".flint") };
        var command = new Command("up", "Run the gateway on 127.0.0.1 until interrupted") { port, data };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() =>
            GatewayLauncher.RunAsync(parse.GetValue(port), parse.GetRequiredValue(data).FullName, cancellationToken)));
        return command;
    }
}
