using System.Diagnostics;
using System.Text.RegularExpressions;
using Flint.Testing;

namespace Flint.Cli.Tests.Commands;

/// <summary>The README's walk-through: flint up, deploy, invoke, ls, logs, rm, each as a separate process.</summary>
public sealed partial class GatewayRoundTripTests
{
    [Fact]
    public async Task UpDeployInvokeLsRm_Hello_WorkEndToEnd()
    {
        var image = await ReferenceFunctions.HelloAsync();
        using var data = new TempDirectory("flint-cli");
        using var gateway = Process.Start(FlintProcess.StartInfo("up", "--port", "0", "--data", data.Path))!;
        try
        {
            var url = await ListeningAddressAsync(gateway);

            var deploy = await FlintProcess.RunAsync("deploy", "hello", "--image", image, "--mode", "keep-warm", "--gateway", url);
            var invoke = await FlintProcess.RunAsync("invoke", "hello", "--gateway", url);
            var echo = await FlintProcess.RunAsync("invoke", "hello", "echo", "--data", "ping", "--gateway", url);
            var list = await FlintProcess.RunAsync("ls", "--gateway", url);
            var missing = await FlintProcess.RunAsync("invoke", "nope", "--gateway", url);
            var remove = await FlintProcess.RunAsync("rm", "hello", "--gateway", url);
            var afterRemove = await FlintProcess.RunAsync("ls", "--gateway", url);

            Assert.Equal(0, deploy.ExitCode);
            Assert.Equal("Hello from Flint!\n", invoke.Stdout);
            Assert.Equal("ping", echo.Stdout);
            Assert.Contains("hello", list.Stdout, StringComparison.Ordinal);
            Assert.Contains("keep-warm", list.Stdout, StringComparison.Ordinal);
            Assert.Equal(1, missing.ExitCode);
            Assert.StartsWith("flint: 404", missing.Stderr, StringComparison.Ordinal);
            Assert.Equal(0, remove.ExitCode);
            Assert.DoesNotContain("hello", afterRemove.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            // Ctrl-C equivalent: the gateway drains and stops its instances; a kill only if it hangs.
            Command.Run("kill", "-TERM", gateway.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!gateway.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                gateway.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string> ListeningAddressAsync(Process gateway)
    {
        while (await gateway.StandardError.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException("flint up exited before it listened");
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
