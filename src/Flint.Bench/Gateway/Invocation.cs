using Flint.Bench.ColdStart;

namespace Flint.Bench.Gateway;

/// <summary>One function call as the client saw it: status, body, time from send to last byte, and the gateway's headers.</summary>
public sealed record Invocation(
    int Status,
    string Body,
    double TotalMilliseconds,
    string? Instance,
    bool? ColdStart,
    IReadOnlyList<PhaseOffset> Phases);
