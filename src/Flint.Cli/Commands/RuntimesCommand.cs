using System.CommandLine;
using System.Text.Json.Nodes;
using Flint.Cli.Client;

namespace Flint.Cli.Commands;

/// <summary><c>flint runtimes</c>: which runtimes this host can run, and why not.</summary>
internal static class RuntimesCommand
{
    public static Command Create()
    {
        var connection = new GatewayConnection();
        var command = new Command("runtimes", "List runtimes and whether this host can run them");
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var client = connection.Connect(parse);
            var runtimes = await client.JsonAsync(HttpMethod.Get, "system/runtimes", null, cancellationToken).ConfigureAwait(false) as JsonArray ?? [];
            foreach (var runtime in runtimes)
            {
                var available = runtime?["available"]?.GetValue<bool>() == true;
                Console.WriteLine($"{runtime?["name"],-9} {(available ? "available" : "unavailable: " + runtime?["reason"])}");
            }

            return 0;
        }));
        return command;
    }
}
