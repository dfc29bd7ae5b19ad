using Flint.Bench.Direct;
using Flint.Runtimes;
using Flint.Runtimes.Direct;
using Flint.Testing;

namespace Flint.Bench.Tests.Direct;

public sealed class DirectStartRunnerTests
{
    [Fact]
    public async Task MeasureAsync_Process_AnsweredSampleWithLaunchPhaseAndNothingLeftRunning()
    {
        using var state = new TempDirectory("flint-bench-direct");
        var starters = DirectStarters.Create(state.Path);
        try
        {
            var runner = new DirectStartRunner(starters, await ReferenceFunctions.HelloImageAsync());

            var sample = await runner.MeasureAsync(RuntimeNames.Process, 2, 7);

            Assert.True(sample.Succeeded, sample.Error);
            Assert.Equal((RuntimeNames.Process, 2, 7), (sample.Runtime, sample.Iteration, sample.Sequence));
            var launched = Assert.Single(sample.Phases);
            Assert.Equal(DirectStartRunner.LaunchedPhase, launched.Name);
            Assert.InRange(launched.Milliseconds, 0, sample.TotalMilliseconds);
            Assert.Empty(ChildProcesses.RunningFrom(state.Path));
            Assert.Equal(File.Exists("/usr/local/libexec/flint/flint-exec") ? "flint-exec" : "exec", runner.Commands[RuntimeNames.Process]);
            Assert.True(runner.Covers(RuntimeNames.Process));
        }
        finally
        {
            foreach (var starter in starters)
            {
                await starter.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task MeasureAsync_ExecutableMissing_FailedSampleSaysWhy()
    {
        using var state = new TempDirectory("flint-bench-direct");
        var starters = DirectStarters.Create(state.Path);
        var image = await ReferenceFunctions.HelloImageAsync();
        var runner = new DirectStartRunner(starters, image);
        var executable = image.ExecutablePath(Path.Combine(state.Path, "images"));
        File.Delete(executable);

        var sample = await runner.MeasureAsync(RuntimeNames.Process, 0, 0);

        Assert.False(sample.Succeeded);
        Assert.True(double.IsNaN(sample.TotalMilliseconds));
        // flint-exec is spawned when the start is prepared, and says what it could not open before it would hold.
        Assert.Matches("could not prepare: .*flint-exec: open executable: No such file", sample.Error);
        Assert.Empty(ChildProcesses.RunningFrom(state.Path));
    }
}
