using Flint.Bench.ColdStart;
using Flint.Bench.Direct;
using Flint.Bench.Gateway;
using Flint.Bench.Machine;
using Flint.Bench.Memory;
using Flint.Bench.Progress;
using Flint.Bench.Report;
using Flint.Bench.Sizes;
using Flint.Bench.Throughput;
using Flint.Images;
using Flint.Runtimes;
using Flint.Runtimes.Direct;

namespace Flint.Bench;

/// <summary>
/// Runs the whole benchmark against a running gateway: machine record, cold starts, warm throughput,
/// memory per idle instance (through the runtimes directly), sizes; then writes the report and prints
/// a short cold-start table to <c>output</c>. With direct starters, each cold start through Flint is paired
/// with one of the same image started by the runtime's own command line, and the report shows Flint's overhead.
/// </summary>
public static class BenchRunner
{
    /// <summary>Keep-warm requests per runtime for the baseline (they vary far less than cold starts).</summary>
    private const int WarmRequests = 30;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static async Task<BenchRun> RunAsync(
        BenchOptions options,
        IReadOnlyList<IInstanceRuntime> runtimesForMemory,
        TextWriter progress,
        TextWriter output,
        CancellationToken cancellationToken,
        IReadOnlyList<IDirectStarter>? directStarters = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runtimesForMemory);
        ArgumentNullException.ThrowIfNull(output);
        var o = options.Effective() with
        {
            GatewayUrl = LoopbackAddress.Require(options.GatewayUrl),
            ImageDirectory = Path.GetFullPath(options.ImageDirectory),
        };
        var steps = BenchProgress.For(progress);
        steps.Step($"machine record{(o.Quick ? " (quick mode)" : "")}");
        var machine = await MachineProbe.CaptureAsync(cancellationToken).ConfigureAwait(false);

        using var gateway = new GatewayClient(o.GatewayUrl, RequestTimeout, o.AdminToken);
        var (listed, available, unavailable) = RuntimeSelection.Select(await gateway.GetRuntimesAsync(cancellationToken).ConfigureAwait(false), o.Runtimes);
        foreach (var runtime in unavailable)
        {
            steps.Step($"runtime {runtime.Name} unavailable: {runtime.Reason}");
        }

        var direct = DirectRunner(o, available, directStarters ?? [], steps);
        var coldStarts = o.Requests > 0
            ? await new ColdStartRunner(gateway, steps, direct).RunAsync(available, o.ImageDirectory, o.Requests, o.Warmup, cancellationToken).ConfigureAwait(false)
            : new ColdStartRun([], []);
        var warm = o.Requests > 0
            ? await new WarmRequestRunner(gateway, steps).RunAsync(available, o.ImageDirectory, Math.Min(o.Requests, WarmRequests), o.Warmup, cancellationToken).ConfigureAwait(false)
            : [];
        var throughput = o.ThroughputSeconds > 0
            ? await new ThroughputRunner(gateway, o.GatewayUrl, steps, direct).RunAsync(available, o.ImageDirectory, o.ThroughputConnections, TimeSpan.FromSeconds(o.ThroughputSeconds), cancellationToken).ConfigureAwait(false)
            : [];
        var memory = await MeasureMemoryAsync(o, runtimesForMemory, steps, cancellationToken).ConfigureAwait(false);
        var density = await MeasureDensityAsync(o, runtimesForMemory, steps, cancellationToken).ConfigureAwait(false);
        var sizes = await MeasureSizesAsync(o, listed.Select(r => r.Name), steps, cancellationToken).ConfigureAwait(false);

        var result = new BenchResult(o, machine, listed, [.. unavailable, .. coldStarts.NotDeployed], ColdStartAnalysis.Summarize(coldStarts.Samples, warm), throughput, memory, sizes)
        {
            Samples = coldStarts.Samples,
            DirectSamples = coldStarts.DirectSamples,
            Overhead = direct is null ? [] : OverheadAnalysis.Summarize(coldStarts.DirectSamples, coldStarts.Samples, direct.Commands),
            Density = density,
        };
        var directory = await ReportWriter.WriteAsync(result, o.OutputRoot, cancellationToken).ConfigureAwait(false);
        steps.Step($"report written to {directory}");
        await output.WriteAsync(ConsoleTable.Render(result)).ConfigureAwait(false);
        return new BenchRun(result, directory);
    }

    /// <summary>The direct runner for the chosen runtimes that have an available starter; null when there is none.</summary>
    private static DirectStartRunner? DirectRunner(BenchOptions o, IReadOnlyList<string> runtimes, IReadOnlyList<IDirectStarter> starters, BenchProgress steps)
    {
        var chosen = starters.Where(s => runtimes.Contains(s.Name)).ToList();
        if (o.Requests <= 0 || chosen.Count == 0)
        {
            return null;
        }

        FunctionImage image;
        try
        {
            image = FunctionImage.Load(o.ImageDirectory);
        }
        catch (Exception e) when (e is ImageException or IOException)
        {
            steps.Step($"direct starts skipped: {e.Message}");
            return null;
        }

        var runner = new DirectStartRunner(chosen, image);
        foreach (var starter in chosen.Where(s => !runner.Covers(s.Name)))
        {
            steps.Step($"direct starts of {starter.Name} skipped: {starter.CheckAvailability().Reason}");
        }

        steps.Step($"direct starts (no Flint): {string.Join(", ", runner.Runtimes.Select(r => $"{r} by '{runner.Commands[r]}'"))}");
        return runner;
    }

    private static async Task<IReadOnlyList<MemoryResult>> MeasureMemoryAsync(
        BenchOptions o, IReadOnlyList<IInstanceRuntime> runtimes, BenchProgress steps, CancellationToken cancellationToken)
    {
        var chosen = runtimes.Where(r => o.Runtimes.Count == 0 || o.Runtimes.Contains(r.Name)).ToList();
        if (o.MemoryInstances <= 0 || chosen.Count == 0)
        {
            return [];
        }

        var image = FunctionImage.Load(o.ImageDirectory);
        return await new MemoryRunner(steps).RunAsync(chosen, image, o.MemoryInstances, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>K idle instances restored from one snapshot, all at once: how many start, at what rate, at what memory each.</summary>
    private static async Task<MemoryResult?> MeasureDensityAsync(
        BenchOptions o, IReadOnlyList<IInstanceRuntime> runtimes, BenchProgress steps, CancellationToken cancellationToken)
    {
        var runtime = runtimes.FirstOrDefault(r => r.Name == RuntimeNames.VmSnapshot);
        if (o.DensityInstances <= 0 || runtime is null || (o.Runtimes.Count > 0 && !o.Runtimes.Contains(runtime.Name)) || !runtime.CheckAvailability().IsAvailable)
        {
            return null;
        }

        var image = FunctionImage.Load(o.ImageDirectory);
        var results = await new MemoryRunner(steps).RunAsync([runtime], image, o.DensityInstances, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    private static async Task<SizeReport> MeasureSizesAsync(BenchOptions o, IEnumerable<string> runtimes, BenchProgress steps, CancellationToken cancellationToken)
    {
        steps.Step("sizes: image, runtime host footprints");
        ImageSizes? image = null;
        string? imageError = null;
        try
        {
            image = ImageSizeProbe.Measure(FunctionImage.Load(o.ImageDirectory));
        }
        catch (Exception e) when (e is ImageException or IOException)
        {
            imageError = e.Message;
        }

        TypicalContainerSize? typical = null;
        if (o.IncludeTypicalContainer && !o.Quick)
        {
            steps.Step("sizes: typical .NET container (framework-dependent publish, shared runtime, debootstrap rootfs)");
            typical = await TypicalContainerProbe.MeasureAsync(o.FunctionSourceDirectory, o.DebianSuite, cancellationToken).ConfigureAwait(false);
        }

        return new SizeReport(image, imageError, HostFootprintProbe.Measure(runtimes, o.VmMonitorPath), typical);
    }
}
