using Flint.Bench.Memory;
using Flint.Bench.Progress;
using Flint.Bench.Tests.Fakes;
using Flint.Images;
using Flint.Images.Oci;

namespace Flint.Bench.Tests.Memory;

public sealed class MemoryRunnerTests
{
    private static readonly FunctionImage Image = new("/nowhere", "sha256:00", ["/function"], [], new OciDescriptor(OciMediaTypes.LayerGzip, "sha256:01", 1));

    [Fact]
    public async Task RunAsync_AllStart_DropDividedByKAndAllStopped()
    {
        var runtime = new FakeRuntime("process");
        var available = new Queue<long>([1000L << 20, 980L << 20]);
        var runner = new MemoryRunner(BenchProgress.Silent, available.Dequeue, TimeSpan.Zero);

        var result = Assert.Single(await runner.RunAsync([runtime], Image, 10, TestContext.Current.CancellationToken));

        Assert.Equal(10, result.Started);
        Assert.Equal(2 << 20, result.BytesPerInstance);
        Assert.Null(result.Error);
        Assert.Empty(runtime.Running);
        Assert.Equal(10, runtime.Stopped.Count);
    }

    [Fact]
    public async Task RunAsync_FailsPartway_ReportsHowManyStartedAndStopsThem()
    {
        var runtime = new FakeRuntime("vm", failAtStart: 3);
        var available = new Queue<long>([1000L << 20, 994L << 20]);
        var runner = new MemoryRunner(BenchProgress.Silent, available.Dequeue, TimeSpan.Zero);

        var result = Assert.Single(await runner.RunAsync([runtime], Image, 10, TestContext.Current.CancellationToken));

        Assert.Equal(3, result.Started);
        Assert.Equal(2 << 20, result.BytesPerInstance);
        Assert.Contains("stopped after 3 of 10", result.Error, StringComparison.Ordinal);
        Assert.Contains("ran out of something", result.Error, StringComparison.Ordinal);
        Assert.Empty(runtime.Running);
        Assert.Equal(3, runtime.Stopped.Count);
    }

    [Fact]
    public async Task RunAsync_UnavailableRuntime_ReasonKeptAndNothingStarted()
    {
        var runtime = new FakeRuntime("docker", unavailableReason: "daemon not running");
        var runner = new MemoryRunner(BenchProgress.Silent, () => 0, TimeSpan.Zero);

        var result = Assert.Single(await runner.RunAsync([runtime], Image, 5, TestContext.Current.CancellationToken));

        Assert.Equal(0, result.Started);
        Assert.Null(result.BytesPerInstance);
        Assert.Equal("daemon not running", result.Error);
    }

    [Fact]
    public void Field_MeminfoLines_KilobytesAsBytes()
    {
        string[] lines = ["MemTotal:       16384000 kB", "MemFree:         1000 kB", "MemAvailable:    8192000 kB"];

        Assert.Equal(8192000L * 1024, MemInfo.Field(lines, "MemAvailable"));
        Assert.Equal(16384000L * 1024, MemInfo.Field(lines, "MemTotal"));
        Assert.Throws<InvalidDataException>(() => MemInfo.Field(lines, "SwapTotal"));
    }
}
