using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flint.Cli.Commands;

/// <summary>
/// The <c>--json</c> option of every listing verb: the list as one JSON array on standard output, an
/// object per row with the table's columns as camelCase fields, for scripts to read instead of the table.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Option<bool> Create() => new("--json") { Description = "Print the list as a JSON array (for scripts) instead of a table" };

    public static void Write(IEnumerable<JsonObject> rows) => Console.WriteLine(new JsonArray([.. rows]).ToJsonString(Indented));
}
