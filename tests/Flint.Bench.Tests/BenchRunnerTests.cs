using Flint.Bench.Gateway;
using Flint.Bench.Report;
using Flint.Bench.Tests.Fakes;
using Flint.Images.Build;
using Flint.Runtimes;
using Flint.Testing;

namespace Flint.Bench.Tests;

public sealed class BenchRunnerTests
{
    private static readonly RuntimeStatus[] Runtimes =
    [
        new("process", true, null), new("crun", true, null), new("docker", false, "daemon not running"),
    ];

    [Fact]
    public async Task RunAsync_FakeGateway_WritesEveryReportFileAndPrintsTable()
    {
        await using var fake = await FakeGateway.StartAsync(Runtimes);
        using var directory = new TempDirectory("flint-bench-run");
        var output = new StringWriter();
        var progress = new StringWriter();
        var options = new BenchOptions
        {
            GatewayUrl = fake.Url,
            ImageDirectory = directory.Combine("no-image"),
            Requests = 3,
            Warmup = 1,
            ThroughputSeconds = 0.2,
            OutputRoot = directory.Combine("results"),
        };

        var run = await BenchRunner.RunAsync(options, [], progress, output, TestContext.Current.CancellationToken);

        foreach (var file in new[] { ReportFiles.ColdStartsCsv, ReportFiles.SummaryJson, ReportFiles.Markdown, ReportFiles.CdfChart, ReportFiles.PhaseChart, ReportFiles.SizeChart, ReportFiles.MemoryChart })
        {
            Assert.True(File.Exists(Path.Combine(run.ReportDirectory, file)), file);
        }

        Assert.Equal(7, File.ReadAllLines(Path.Combine(run.ReportDirectory, ReportFiles.ColdStartsCsv)).Length);
        Assert.Equal(["process", "crun"], run.Result.ColdStarts.Select(c => c.Runtime));
        Assert.Equal("docker", Assert.Single(run.Result.Unavailable).Name);
        Assert.Contains("not measured: docker: daemon not running", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("[bench] report written to", progress.ToString(), StringComparison.Ordinal);
        Assert.NotNull(run.Result.Sizes!.ImageError);
        Assert.Empty(fake.Deployed);
    }

    [Fact]
    public async Task RunAsync_RuntimeFilterAndMemoryRuntimes_OnlyChosenRuntimesMeasured()
    {
        await using var fake = await FakeGateway.StartAsync(Runtimes);
        using var directory = new TempDirectory("flint-bench-run");
        var program = StaticPrograms.Compile(directory, "tiny", "int main(void) { return 0; }");
        var build = ImageBuilder.Package(program, directory.Combine("image"));
        var crun = new FakeRuntime("crun");
        IInstanceRuntime[] memoryRuntimes = [new FakeRuntime("process"), crun];
        var options = new BenchOptions
        {
            GatewayUrl = fake.Url,
            ImageDirectory = build.OutputDirectory,
            Runtimes = ["crun", "docker"],
            Requests = 2,
            Warmup = 0,
            MemoryInstances = 2,
            ThroughputSeconds = 0,
            OutputRoot = directory.Combine("results"),
        };

        var run = await BenchRunner.RunAsync(options, memoryRuntimes, TextWriter.Null, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(["crun"], run.Result.ColdStarts.Select(c => c.Runtime));
        Assert.Equal(["crun"], run.Result.Memory.Select(m => m.Runtime));
        Assert.Equal(2, crun.Stopped.Count);
        Assert.Empty(run.Result.Throughput);
        Assert.Equal(build.ExecutableBytes, run.Result.Sizes!.Image!.ExecutableBytes);
        Assert.Equal(["crun", "docker"], run.Result.Sizes.Footprints.Select(f => f.Runtime));
    }
}
