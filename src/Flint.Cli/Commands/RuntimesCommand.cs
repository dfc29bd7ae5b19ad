using System.CommandLine;
using System.Text.Json.Nodes;
using Flint.Cli.Client;

namespace Flint.Cli.Commands;

/// <summary><c>flint runtimes</c>: which runtimes this host can run, and why not.</summary>
internal static class RuntimesCommand
{
    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var command = new Command("runtimes", "List runtimes and whether this host can run them") { gateway };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var client = new GatewayClient(parse.GetRequiredValue(gateway));
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
