namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary>OpenFaaS's <c>limits</c> and <c>requests</c>: quantities as text (<c>"128Mi"</c>, <c>"0.5"</c>, <c>"500m"</c>).</summary>
internal sealed record FunctionResources(string? Memory, string? Cpu);
