using System.CommandLine;
using System.Text.Json.Nodes;
using Flint.Cli.Client;

namespace Flint.Cli.Commands;

/// <summary><c>flint ls</c>: the deployed functions.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var connection = new GatewayConnection();
        var command = new Command("ls", "List deployed functions");
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var client = connection.Connect(parse);
            var functions = await client.JsonAsync(HttpMethod.Get, "system/functions", null, cancellationToken).ConfigureAwait(false) as JsonArray ?? [];
            Console.WriteLine($"{"NAME",-24} {"RUNTIME",-8} {"MODE",-11} IMAGE");
            foreach (var function in functions)
            {
                Console.WriteLine($"{function?["name"],-24} {function?["runtime"],-8} {function?["mode"],-11} {function?["image"]}");
            }

            return 0;
        }));
        return command;
    }
}
