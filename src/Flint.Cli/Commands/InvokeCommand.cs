using System.CommandLine;
using Flint.Cli.Client;

namespace Flint.Cli.Commands;

/// <summary><c>flint invoke &lt;name&gt; [path] [--data ...]</c>: calls a function through the gateway.</summary>
internal static class InvokeCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Function name" };
        var path = new Argument<string>("path") { Description = "Path inside the function", DefaultValueFactory = _ => "/" };
        var data = new Option<string?>("--data", "-d") { Description = "Request body (POST unless --method); @FILE reads a file" };
        var method = new Option<string?>("--method", "-X") { Description = "HTTP method (default GET, or POST with --data)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print status, cold-start and phase headers to stderr" };
        var connection = new GatewayConnection();
        var command = new Command("invoke", "Invoke a function through the gateway and print its response") { name, path, data, method, verbose };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var body = parse.GetValue(data);
            var httpMethod = new HttpMethod(parse.GetValue(method) ?? (body is null ? "GET" : "POST"));
            var target = $"function/{Uri.EscapeDataString(parse.GetRequiredValue(name))}/{parse.GetValue(path)!.TrimStart('/')}";
            using var request = new HttpRequestMessage(httpMethod, target);
            if (body is not null)
            {
                request.Content = body.StartsWith('@') ? new ByteArrayContent(await File.ReadAllBytesAsync(body[1..], cancellationToken).ConfigureAwait(false)) : new StringContent(body);
            }

            using var client = connection.Connect(parse);
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(verbose))
            {
                await Console.Error.WriteLineAsync($"{(int)response.StatusCode} {response.ReasonPhrase}").ConfigureAwait(false);
                foreach (var header in response.Headers.Where(h => h.Key.StartsWith("X-Flint-", StringComparison.OrdinalIgnoreCase)))
                {
                    await Console.Error.WriteLineAsync($"{header.Key}: {string.Join(", ", header.Value)}").ConfigureAwait(false);
                }
            }

            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw client.Failure(response, text);
            }

            using var stdout = Console.OpenStandardOutput();
            await response.Content.CopyToAsync(stdout, cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
