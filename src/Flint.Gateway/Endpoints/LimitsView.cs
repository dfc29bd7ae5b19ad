namespace Flint.Gateway.Endpoints;

/// <summary>A function's limits as the API shows them; null means the runtime's default.</summary>
internal sealed record LimitsView(long? Memory, double? Cpus, int? Pids);
