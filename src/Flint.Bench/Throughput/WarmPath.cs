namespace Flint.Bench.Throughput;

/// <summary>
/// One runtime's warm path under <c>wrk</c>: a keep-warm instance through the gateway, and an instance the
/// runtime's own command line started, loaded straight on its port; <see cref="Error"/> when a side could not run.
/// </summary>
public sealed record WarmPath(string Runtime, int Connections, WrkResult? ThroughFlint, WrkResult? Direct, string? Error);
