namespace Flint.Bench.ColdStart;

/// <summary>A named moment of a request, in milliseconds after its arrival at the gateway.</summary>
public sealed record PhaseOffset(string Name, double Milliseconds);
