using Flint.Gateway.Security;

namespace Flint.Cli.Client;

/// <summary>
/// The admin token of each gateway this user started, one file per gateway address under the
/// user's config directory (<c>$XDG_CONFIG_HOME/flint/gateways/</c>, mode 0600), written by
/// <c>flint up</c> so that client verbs on the same machine need no flag (as <c>faas-cli login</c> keeps
/// its credentials).
/// </summary>
internal static class GatewayCredentials
{
    /// <summary>Where the files live; null when the user has no config directory (no home).</summary>
    public static string? Directory() =>
        Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify) is { Length: > 0 } config
            ? Path.Combine(config, "flint", "gateways")
            : null;

    /// <summary>The file for a gateway address: <c>127.0.0.1_8080</c> (<c>localhost</c> counts as 127.0.0.1); null without a config directory.</summary>
    public static string? PathFor(Uri gateway)
    {
        var host = gateway.IsLoopback && gateway.Host == "localhost" ? "127.0.0.1" : gateway.Host.Trim('[', ']').Replace(':', '-');
        return Directory() is { } directory ? Path.Combine(directory, $"{host.ToLowerInvariant()}_{gateway.Port}") : null;
    }

    /// <summary>Records the token for the gateway; returns the file, or null when there is no config directory to keep it in.</summary>
    public static string? Save(Uri gateway, string token)
    {
        var path = PathFor(gateway);
        if (path is not null)
        {
            AdminTokenFile.Replace(path, token);
        }

        return path;
    }

    /// <summary>The recorded token for the gateway, or null when there is none.</summary>
    public static string? Find(Uri gateway) =>
        PathFor(gateway) is { } path && File.Exists(path) ? AdminTokenFile.Read(path) : null;
}
