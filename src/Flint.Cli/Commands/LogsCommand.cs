using System.CommandLine;
using System.Text.Json.Nodes;
using Flint.Cli.Client;

namespace Flint.Cli.Commands;

/// <summary><c>flint logs &lt;name&gt;</c>: what the function's instances printed.</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Function name" };
        var connection = new GatewayConnection();
        var command = new Command("logs", "Show the captured stdout/stderr of a function's instances") { name };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var client = connection.Connect(parse);
            var path = $"system/functions/{Uri.EscapeDataString(parse.GetRequiredValue(name))}/logs";
            var body = await client.JsonAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            var lines = body as JsonArray ?? body?["lines"] as JsonArray ?? [];
            foreach (var line in lines)
            {
                Console.WriteLine(line is JsonObject entry
                    ? $"{entry["time"]} {entry["instance"]} {entry["stream"]}: {entry["line"] ?? entry["text"]}"
                    : line?.ToString());
            }

            return 0;
        }));
        return command;
    }
}
