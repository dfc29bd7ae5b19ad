using System.CommandLine;
using System.Text.Json.Nodes;
using Flint.Cli.Client;

namespace Flint.Cli.Commands;

/// <summary><c>flint runtimes [--json]</c>: which runtimes this host can run, and why not.</summary>
internal static class RuntimesCommand
{
    public static Command Create()
    {
        var connection = new GatewayConnection();
        var json = JsonOutput.Create();
        var command = new Command("runtimes", "List runtimes and whether this host can run them") { json };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var client = connection.Connect(parse);
            var runtimes = await client.JsonAsync(HttpMethod.Get, "system/runtimes", null, cancellationToken).ConfigureAwait(false) as JsonArray ?? [];
            var rows = runtimes.Select(Row).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(rows);
                return 0;
            }

            foreach (var row in rows)
            {
                var available = row["available"]?.GetValue<bool>() == true;
                Console.WriteLine($"{row["name"],-9} {(available ? "available" : "unavailable: " + row["reason"])}");
            }

            return 0;
        }));
        return command;
    }

    private static JsonObject Row(JsonNode? runtime) => new()
    {
        ["name"] = runtime?["name"]?.DeepClone(),
        ["available"] = runtime?["available"]?.GetValue<bool>() == true,
        ["reason"] = runtime?["reason"]?.DeepClone(),
    };
}
