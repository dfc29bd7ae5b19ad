using System.CommandLine;

namespace Flint.Cli.Client;

/// <summary>The <c>--gateway</c> option every client verb takes; <c>FLINT_GATEWAY</c> sets its default.</summary>
internal static class GatewayOption
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static Option<Uri> Create() => new("--gateway", "-g")
    {
        Description = $"Gateway URL (default: $FLINT_GATEWAY or {DefaultUrl})",
        DefaultValueFactory = result =>
        {
            var text = Environment.GetEnvironmentVariable("FLINT_GATEWAY") is { Length: > 0 } url ? url : DefaultUrl;
            var uri = Parse(text);
            if (uri is null)
            {
                result.AddError($"FLINT_GATEWAY '{text}' is not an http URL (e.g. {DefaultUrl})");
            }

            return uri!;
        },
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            var uri = Parse(text);
            if (uri is null)
            {
                result.AddError($"--gateway '{text}' is not an http URL (e.g. {DefaultUrl})");
            }

            return uri!;
        },
    };

    private static Uri? Parse(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}
