namespace Flint.Bench.Soak;

/// <summary>One figure read from the host: the gateway's open descriptors, its threads, the cgroups its instances left, and so on.</summary>
public sealed record SoakCounter(string Name, long Value);
