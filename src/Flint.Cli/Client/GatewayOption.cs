using System.CommandLine;

namespace Flint.Cli.Client;

/// <summary>The <c>--gateway</c> option every client verb takes; <c>FLINT_GATEWAY</c> sets its default.</summary>
internal static class GatewayOption
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static Option<Uri> Create() => new("--gateway", "-g")
    {
        Description = $"Gateway URL (default: $FLINT_GATEWAY or {DefaultUrl})",
        DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable("FLINT_GATEWAY") is { Length: > 0 } url ? url : DefaultUrl),
    };
}
