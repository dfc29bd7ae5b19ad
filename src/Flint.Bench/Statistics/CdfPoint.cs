namespace Flint.Bench.Statistics;

/// <summary>One step of an empirical CDF: the fraction of the sample at or below <see cref="Value"/>.</summary>
public sealed record CdfPoint(double Value, double Fraction);
