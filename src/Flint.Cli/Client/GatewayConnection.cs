using System.CommandLine;

namespace Flint.Cli.Client;

/// <summary>The options every client verb takes to reach the gateway: its address and where its token is.</summary>
internal sealed class GatewayConnection
{
    public Option<Uri> Gateway { get; } = GatewayOption.Create();

    public Option<string?> TokenFile { get; } = new("--token-file")
    {
        Description = $"The gateway's admin token: a token file or the gateway's data directory (default: ${ClientToken.EnvironmentVariable}, else the token 'flint up' recorded for this gateway)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Gateway);
        command.Options.Add(TokenFile);
    }

    public Uri Url(ParseResult parse) => parse.GetRequiredValue(Gateway);

    public GatewayClient Connect(ParseResult parse)
    {
        var url = Url(parse);
        return new GatewayClient(url, ClientToken.Find(url, parse.GetValue(TokenFile)));
    }
}
