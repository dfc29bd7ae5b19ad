using Flint.Bench.Progress;
using Flint.Images;
using Flint.Runtimes;

namespace Flint.Bench.Memory;

/// <summary>
/// Starts K idle instances per runtime through the runtime API, reads the drop in host
/// MemAvailable after a short settle, and always stops every instance it started.
/// </summary>
public sealed class MemoryRunner(BenchProgress progress, Func<long> availableBytes, TimeSpan settle)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    public MemoryRunner(BenchProgress progress)
        : this(progress, () => MemInfo.AvailableBytes(), TimeSpan.FromSeconds(2))
    {
    }

    public async Task<IReadOnlyList<MemoryResult>> RunAsync(
        IReadOnlyList<IInstanceRuntime> runtimes, FunctionImage image, int instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtimes);
        ArgumentOutOfRangeException.ThrowIfLessThan(instances, 1);
        var results = new List<MemoryResult>();
        foreach (var runtime in runtimes)
        {
            var availability = runtime.CheckAvailability();
            results.Add(availability.IsAvailable
                ? await MeasureAsync(runtime, image, instances, cancellationToken).ConfigureAwait(false)
                : new MemoryResult(runtime.Name, instances, 0, 0, 0, null, availability.Reason ?? "unavailable"));
        }

        return results;
    }

    private async Task<MemoryResult> MeasureAsync(IInstanceRuntime runtime, FunctionImage image, int count, CancellationToken cancellationToken)
    {
        progress.Step($"memory {runtime.Name}: starting {count} idle instances");
        var started = new List<Instance>();
        string? error = null;
        try
        {
            var before = availableBytes();
            var pssBefore = SelfMemory.PssBytes();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var spec = new InstanceSpec($"bench-mem-{runtime.Name}-{i}", image, new Dictionary<string, string>(), ResourceLimits.None, StartTimeout, NullInstanceLog.Instance);
                    started.Add(await runtime.StartAsync(spec, cancellationToken).ConfigureAwait(false));
                    progress.Counter($"memory {runtime.Name}", started.Count, count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = $"stopped after {started.Count} of {count} instances: {e.Message}";
                progress.Step($"memory {runtime.Name}: {error}");
            }

            var seconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(settle, cancellationToken).ConfigureAwait(false);
            var after = availableBytes();
            double? perInstance = started.Count == 0 ? null : (double)(before - after) / started.Count;
            var pssAfter = SelfMemory.PssBytes();
            return new MemoryResult(runtime.Name, count, started.Count, before, after, perInstance, error)
            {
                StartSeconds = seconds,
                ProcessPssBytesPerInstance = started.Count == 0 || pssBefore is null || pssAfter is null ? null : (double)(pssAfter.Value - pssBefore.Value) / started.Count,
            };
        }
        finally
        {
            await StopAllAsync(runtime, started).ConfigureAwait(false);
        }
    }

    private async Task StopAllAsync(IInstanceRuntime runtime, List<Instance> started)
    {
        foreach (var instance in started)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await runtime.StopAsync(instance, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                progress.Step($"memory {runtime.Name}: could not stop {instance.Id}: {e.Message}");
            }
        }
    }
}
