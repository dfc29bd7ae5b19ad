namespace Flint.Bench.ColdStart;

/// <summary>
/// A phase's medians over one runtime's requests: its offset from arrival at the gateway, and the time
/// from the previous phase to it. Medians of segments need not add up to the median total.
/// </summary>
public sealed record PhaseSegment(string Name, double MedianOffsetMilliseconds, double MedianDurationMilliseconds);
