using Flint.Bench.ColdStart;

namespace Flint.Bench.Tests.Fakes;

/// <summary>Builds cold-start samples for tests.</summary>
public static class Samples
{
    public static ColdStartSample Ok(string runtime, double totalMs, int sequence = 0, params PhaseOffset[] phases) =>
        new(runtime, sequence, sequence, totalMs, 200, true, true, $"{runtime}-1", null, phases);

    public static ColdStartSample Failed(string runtime, int sequence = 0) =>
        new(runtime, sequence, sequence, 5, 500, false, null, null, "HTTP 500: boom, \"quoted\"", []);
}
