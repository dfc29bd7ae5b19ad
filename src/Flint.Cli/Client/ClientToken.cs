using Flint.Gateway.Security;

namespace Flint.Cli.Client;

/// <summary>
/// Finds the admin token a client verb sends, first found wins: <c>--token-file</c> (a token file, or
/// the gateway's data directory holding <c>admin-token</c>), <c>$FLINT_TOKEN</c>, then the token
/// <c>flint up</c> recorded for this gateway address (<see cref="GatewayCredentials"/>).
/// </summary>
internal static class ClientToken
{
    public const string EnvironmentVariable = "FLINT_TOKEN";

    public static string? Find(Uri gateway, string? tokenFile)
    {
        if (!string.IsNullOrEmpty(tokenFile))
        {
            return AdminTokenFile.Read(System.IO.Directory.Exists(tokenFile) ? AdminTokenFile.PathIn(tokenFile) : tokenFile);
        }

        if (FromEnvironment() is { } token)
        {
            return token;
        }

        return GatewayCredentials.Find(gateway);
    }

    /// <summary><c>$FLINT_TOKEN</c>, checked; null when unset.</summary>
    public static string? FromEnvironment()
    {
        var token = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        return AdminToken.Problem(token) is { } problem ? throw new CliException($"${EnvironmentVariable}: {problem}") : token;
    }
}
