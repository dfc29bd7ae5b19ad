using System.Text.Json;

namespace Flint.Bench.Report;

/// <summary><c>summary.json</c>: the whole result except the raw samples (those are in the CSV).</summary>
public static class SummaryJson
{
    public static string Serialize(BenchResult result) => JsonSerializer.Serialize(result, BenchJsonContext.Default.BenchResult);

    public static BenchResult Deserialize(string json) =>
        JsonSerializer.Deserialize(json, BenchJsonContext.Default.BenchResult) ?? throw new JsonException("summary.json is empty");
}
