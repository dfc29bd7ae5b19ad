using System.CommandLine;
using Flint.Cli.Client;

namespace Flint.Cli.Commands;

/// <summary><c>flint rm &lt;name&gt;</c>: removes a function and stops its instances.</summary>
internal static class RemoveCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Function name" };
        var connection = new GatewayConnection();
        var command = new Command("rm", "Remove a deployed function and stop its instances") { name };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var functionName = parse.GetRequiredValue(name);
            using var client = connection.Connect(parse);
            await client.JsonAsync(HttpMethod.Delete, $"system/functions/{Uri.EscapeDataString(functionName)}", null, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"removed {functionName}");
            return 0;
        }));
        return command;
    }
}
