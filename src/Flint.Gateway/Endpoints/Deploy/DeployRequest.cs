using System.Text.Json;

namespace Flint.Gateway.Endpoints.Deploy;

/// <summary>The body of a deploy, as the client sent it; <see cref="DeployValidator"/> checks it.</summary>
internal sealed record DeployRequest
{
    public string? Name { get; init; }

    /// <summary>
    /// An uploaded image's manifest digest (<c>sha256:...</c>, from <c>POST /system/images</c>), or a
    /// path on the gateway's host under one of its image roots.
    /// </summary>
    public string? Image { get; init; }

    public string? Runtime { get; init; }

    /// <summary><c>single-use</c> or <c>keep-warm</c>.</summary>
    public string? Mode { get; init; }

    public Dictionary<string, string>? Env { get; init; }

    public LimitsRequest? Limits { get; init; }

    /// <summary>A duration (<c>"30s"</c>, <c>"500ms"</c>, <c>"2m"</c>) or a number of seconds.</summary>
    public JsonElement? IdleTimeout { get; init; }

    public int? MaxConcurrency { get; init; }

    public int? MaxInstances { get; init; }

    /// <summary>A duration or a number of seconds.</summary>
    public JsonElement? Timeout { get; init; }

    /// <summary>Whether invoking the function needs the admin token (default: open).</summary>
    public bool? Auth { get; init; }
}
