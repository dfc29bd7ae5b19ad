using System.CommandLine;
using Flint.Bench.Gateway;
using Flint.Bench.Progress;
using Flint.Bench.Soak;
using Flint.Gateway;
using Flint.Gateway.Security;
using Flint.Runtimes;
using Microsoft.Extensions.Logging;

namespace Flint.Cli.Commands;

/// <summary>
/// <c>flint soak [-n 10000] [-r runtime]...</c>: hosts a fresh gateway, sends each runtime N single-use
/// cold starts, and compares what the gateway and its instances hold on the host before and after
/// (<see cref="SoakProbe"/>). Exits 1 when a counter grew beyond its bound (<see cref="SoakBounds"/>),
/// a start failed, or a runtime asked for by name could not be soaked.
/// </summary>
internal static class SoakCommand
{
    private static readonly string[] DefaultRuntimes = [RuntimeNames.Process, RuntimeNames.Crun, RuntimeNames.Runc, RuntimeNames.Vm];

    public static Command Create()
    {
        var function = new Option<DirectoryInfo>("--function") { Description = "The function project to build and soak", DefaultValueFactory = _ => new DirectoryInfo("functions/hello") };
        var image = new Option<DirectoryInfo?>("--image") { Description = "Use this 'flint build' output instead of building --function" };
        var runtimes = new Option<string[]>("--runtime", "-r") { Description = "Soak these runtimes (repeatable; default: process, crun, runc and vm, each where available)" };
        var starts = new Option<int>("--starts", "-n") { Description = "Cold starts per runtime", DefaultValueFactory = _ => SoakPlan.DefaultStarts };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Cold starts in flight at once", DefaultValueFactory = _ => SoakPlan.DefaultConcurrency };
        var path = new Option<string>("--path") { Description = "The path to request from the function", DefaultValueFactory = _ => "/" };
        var command = new Command("soak", "Send many cold starts per runtime and check that nothing leaks")
        {
            function, image, runtimes, starts, concurrency, path,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var plan = new SoakPlan(parse.GetValue(starts), SoakPlan.WarmupFor(parse.GetValue(starts)), parse.GetValue(concurrency), parse.GetRequiredValue(path));
            if (plan.Starts < 1 || plan.Concurrency < 1)
            {
                throw new Client.CliException("--starts and --concurrency must be at least 1");
            }

            var imageDirectory = parse.GetValue(image)?.FullName ?? await FunctionSource.BuildAsync(parse.GetRequiredValue(function), cancellationToken).ConfigureAwait(false);
            var asked = parse.GetValue(runtimes) ?? [];
            using var data = new ScratchDirectory("flint-soak-gateway-");
            var token = AdminToken.Generate();
            await using var gateway = GatewayHost.Build(
                new GatewayOptions { DataDirectory = data.Path, Port = 0, AdminToken = token, ImageRoots = [imageDirectory] },
                builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
            await gateway.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var client = new GatewayClient(GatewayHost.Address(gateway), TimeSpan.FromMinutes(1), token);
                var (_, available, unavailable) = RuntimeSelection.Select(
                    await client.GetRuntimesAsync(cancellationToken).ConfigureAwait(false), asked.Length > 0 ? asked : DefaultRuntimes);
                var runner = new SoakRunner(client, BenchProgress.For(Console.Error), Environment.ProcessId, data.Path);
                var results = unavailable.Select(r => SoakResult.NotRun(r.Name, r.Reason ?? "unavailable")).ToList();
                foreach (var runtime in available)
                {
                    results.Add(await runner.RunAsync(runtime, imageDirectory, plan, cancellationToken).ConfigureAwait(false));
                }

                Console.Write(SoakReport.Render(results));
                var failed = results.Where(r => r.Error is null ? !r.Passed : asked.Contains(r.Runtime)).ToList();
                var soaked = results.Count(r => r.Error is null);
                return failed.Count > 0 || soaked == 0 ? 1 : 0;
            }
            finally
            {
                await gateway.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }));
        return command;
    }
}
