using System.Reflection;
using System.Runtime.InteropServices;

namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary>
/// <c>GET /system/info</c>, OpenFaaS's <c>GatewayInfo</c>: the provider (Flint, orchestrating its own
/// runtimes), the gateway's version and the host's architecture as <c>uname -m</c> names it.
/// </summary>
internal static class SystemInfoEndpoint
{
    public const string Provider = "flint";

    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/system/info", () => Results.Ok(Info.Value));

    private static readonly Lazy<GatewayInfo> Info = new(() =>
    {
        var version = Version();
        return new GatewayInfo(new ProviderInfo(Provider, Provider, version), version, Architecture());
    });

    /// <summary>The assembly's informational version, <c>release+sha</c> when the build recorded the commit.</summary>
    private static VersionInfo Version()
    {
        var text = typeof(SystemInfoEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? new VersionInfo(text, "") : new VersionInfo(text[..plus], text[(plus + 1)..]);
    }

    private static string Architecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "x86_64",
        System.Runtime.InteropServices.Architecture.Arm64 => "aarch64",
        var other => other.ToString().ToLowerInvariant(),
    };

    private sealed record GatewayInfo(ProviderInfo Provider, VersionInfo Version, string Arch);

    private sealed record ProviderInfo(string Provider, string Orchestration, VersionInfo Version);

    private sealed record VersionInfo(string Release, string Sha);
}
