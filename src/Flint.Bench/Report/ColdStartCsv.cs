using Flint.Bench.ColdStart;

namespace Flint.Bench.Report;

/// <summary>
/// <c>cold-starts.csv</c>: one row per measured request, in the order they were sent, with a
/// <c>phase_&lt;name&gt;_ms</c> column for every phase any response reported (first seen first).
/// </summary>
public static class ColdStartCsv
{
    public static readonly IReadOnlyList<string> FixedColumns =
        ["sequence", "runtime", "iteration", "total_ms", "status", "body_ok", "cold_start", "instance", "error"];

    public static string PhaseColumn(string phase) => $"phase_{phase}_ms";

    public static void Write(IReadOnlyList<ColdStartSample> samples, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(writer);
        var phases = samples.SelectMany(s => s.Phases.Select(p => p.Name)).Distinct().ToList();
        writer.Write(Csv.Line([.. FixedColumns, .. phases.Select(PhaseColumn)]));
        writer.Write('\n');
        foreach (var s in samples.OrderBy(s => s.Sequence))
        {
            string?[] fixedFields =
            [
                Units.Number(s.Sequence), s.Runtime, Units.Number(s.Iteration),
                double.IsFinite(s.TotalMilliseconds) ? Units.Number(s.TotalMilliseconds, "0.0000") : "",
                Units.Number(s.Status), s.BodyMatches ? "true" : "false",
                s.ColdStart is { } cold ? (cold ? "true" : "false") : "", s.Instance, s.Error,
            ];
            var phaseFields = phases.Select(name => s.Phases.FirstOrDefault(p => p.Name == name) is { } p ? Units.Number(p.Milliseconds, "0.0000") : "");
            writer.Write(Csv.Line([.. fixedFields, .. phaseFields]));
            writer.Write('\n');
        }
    }
}
