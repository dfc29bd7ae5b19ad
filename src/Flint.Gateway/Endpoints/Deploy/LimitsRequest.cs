using System.Text.Json;

namespace Flint.Gateway.Endpoints.Deploy;

/// <summary>The <c>limits</c> object of a deploy, as sent.</summary>
internal sealed class LimitsRequest
{
    /// <summary>A quantity (<c>"128Mi"</c>, <c>"1G"</c>) or a number of bytes.</summary>
    public JsonElement? Memory { get; init; }

    public double? Cpus { get; init; }

    public int? Pids { get; init; }
}
