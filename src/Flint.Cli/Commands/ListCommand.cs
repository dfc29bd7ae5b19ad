using System.CommandLine;
using System.Text.Json.Nodes;
using Flint.Cli.Client;

namespace Flint.Cli.Commands;

/// <summary><c>flint ls [--json]</c>: the deployed functions, with their live instances and invocations.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var connection = new GatewayConnection();
        var json = JsonOutput.Create();
        var command = new Command("ls", "List deployed functions") { json };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var client = connection.Connect(parse);
            var functions = await client.JsonAsync(HttpMethod.Get, "system/functions", null, cancellationToken).ConfigureAwait(false) as JsonArray ?? [];
            var rows = functions.Select(Row).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(rows);
                return 0;
            }

            Console.WriteLine($"{"NAME",-24} {"RUNTIME",-8} {"MODE",-11} {"INSTANCES",9} {"INVOCATIONS",11} IMAGE");
            foreach (var row in rows)
            {
                Console.WriteLine($"{row["name"],-24} {row["runtime"],-8} {row["mode"],-11} {row["instances"],9} {row["invocations"],11} {row["image"]}");
            }

            return 0;
        }));
        return command;
    }

    /// <summary>A function as <c>GET /system/functions</c> shows it (OpenFaaS's shape), cut to what the table shows.</summary>
    private static JsonObject Row(JsonNode? function) => new()
    {
        ["name"] = function?["name"]?.DeepClone(),
        ["runtime"] = function?["runtime"]?.DeepClone(),
        ["mode"] = function?["mode"]?.DeepClone(),
        ["instances"] = function?["replicas"]?.DeepClone(),
        ["invocations"] = function?["invocationCount"]?.DeepClone(),
        ["image"] = function?["image"]?.DeepClone(),
    };
}
