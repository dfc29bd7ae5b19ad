namespace Flint.Gateway.Functions;

/// <summary>OpenFaaS's <c>requests</c>, kept as written (<c>"64Mi"</c>, <c>"100m"</c>); Flint schedules by limits only.</summary>
internal sealed record ResourceRequests(string? Memory, string? Cpu);
