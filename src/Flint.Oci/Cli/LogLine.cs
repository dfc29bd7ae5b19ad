using System.Text.Json.Serialization;

namespace Flint.Oci.Cli;

/// <summary>One line of the JSON log, as runc writes it.</summary>
internal sealed record LogLine(
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("msg")] string Message,
    [property: JsonPropertyName("time")] DateTimeOffset Time);
