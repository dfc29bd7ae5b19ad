using System.CommandLine;
using Flint.Bench;
using Flint.Gateway;
using Flint.Gateway.Security;
using Flint.Runtimes;
using Flint.Runtimes.Direct;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flint.Cli.Commands;

/// <summary>
/// <c>flint bench [--quick]</c>: builds the function, hosts a fresh gateway on a free loopback port,
/// and measures every runtime through it (cold starts, phases, sizes, memory, throughput), each cold start
/// paired with a start of the same image by the runtime's own command line, without Flint.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Fewer requests and instances: finishes in a few minutes" };
        var function = new Option<DirectoryInfo>("--function") { Description = "The function project to build and measure", DefaultValueFactory = _ => new DirectoryInfo("functions/hello") };
        var image = new Option<DirectoryInfo?>("--image") { Description = "Use this 'flint build' output instead of building --function" };
        var runtimes = new Option<string[]>("--runtime", "-r") { Description = "Measure only these runtimes (repeatable; default: all)" };
        var requests = new Option<int?>("--requests", "-n") { Description = "Cold starts per runtime (default 100, quick 30)" };
        var instances = new Option<int?>("--memory-instances", "-k") { Description = "Idle instances per runtime for the memory measurement (default 50, quick 10)" };
        var throughput = new Option<double?>("--throughput-seconds") { Description = "Load duration per runtime (default 10, quick 3)" };
        var typical = new Option<bool>("--typical-container") { Description = "Also size a typical .NET container (debootstrap; slow)" };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Where reports go", DefaultValueFactory = _ => new DirectoryInfo("bench-results") };
        var command = new Command("bench", "Benchmark the function on every runtime and write a report")
        {
            quick, function, image, runtimes, requests, instances, throughput, typical, output,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var source = parse.GetRequiredValue(function);
            var imageDirectory = parse.GetValue(image)?.FullName ?? await FunctionSource.BuildAsync(source, cancellationToken).ConfigureAwait(false);
            var defaults = new BenchOptions { GatewayUrl = new Uri("http://127.0.0.1/"), ImageDirectory = imageDirectory };
            using var data = new ScratchDirectory("flint-bench-gateway-");
            var token = AdminToken.Generate();

            // The bench's own gateway reads the image from where it was built: that directory is its one image root.
            await using var gateway = GatewayHost.Build(
                new GatewayOptions { DataDirectory = data.Path, Port = 0, AdminToken = token, ImageRoots = [imageDirectory] },
                builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
            await gateway.StartAsync(cancellationToken).ConfigureAwait(false);
            var registry = gateway.Services.GetRequiredService<RuntimeRegistry>();
            var options = defaults with
            {
                GatewayUrl = GatewayHost.Address(gateway),
                AdminToken = token,
                Quick = parse.GetValue(quick),
                Runtimes = parse.GetValue(runtimes) ?? [],
                Requests = parse.GetValue(requests) ?? defaults.Requests,
                MemoryInstances = parse.GetValue(instances) ?? defaults.MemoryInstances,
                ThroughputSeconds = parse.GetValue(throughput) ?? defaults.ThroughputSeconds,
                IncludeTypicalContainer = parse.GetValue(typical),
                FunctionSourceDirectory = source.FullName,
                OutputRoot = parse.GetRequiredValue(output).FullName,
            };
            using var directData = new ScratchDirectory("flint-bench-direct-");
            var starters = DirectStarters.Create(directData.Path);
            BenchRun run;
            try
            {
                run = await BenchRunner.RunAsync(options, [.. registry.Names.Select(registry.Get)], Console.Error, Console.Out, cancellationToken, starters).ConfigureAwait(false);
            }
            finally
            {
                foreach (var starter in starters)
                {
                    await starter.DisposeAsync().ConfigureAwait(false);
                }
            }

            await gateway.StopAsync(CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine($"report: {Path.Combine(run.ReportDirectory, "report.md")}");
            return 0;
        }));
        return command;
    }
}
