using Flint.Runtimes;

namespace Flint.Gateway.Tests.Scaling;

/// <summary>
/// A runtime whose instances are records: each start returns a new instance at once (or fails, when
/// told to), and each stop is noted. For testing a pool's policy without booting anything.
/// </summary>
internal sealed class RecordingRuntime(string name = "recording") : IInstanceRuntime
{
    private readonly List<string> _stopped = [];
    private int _started;
    private int _sweeps;

    public string Name => name;

    /// <summary>When set, every start fails with this message.</summary>
    public string? StartFailure { get; set; }

    /// <summary>When set, every stop fails with this message (after it is noted).</summary>
    public string? StopFailure { get; set; }

    public int Started => Volatile.Read(ref _started);

    /// <summary>When set, every sweep for leftovers fails with this message (after it is counted).</summary>
    public string? SweepFailure { get; set; }

    public int Sweeps => Volatile.Read(ref _sweeps);

    public IReadOnlyList<string> Stopped
    {
        get
        {
            lock (_stopped)
            {
                return [.. _stopped];
            }
        }
    }

    public RuntimeAvailability CheckAvailability() => RuntimeAvailability.Available;

    public Task<int> SweepLeftoversAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sweeps);
        return SweepFailure is { } failure ? Task.FromException<int>(new InvalidOperationException(failure)) : Task.FromResult(1);
    }

    public Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        if (StartFailure is { } failure)
        {
            return Task.FromException<Instance>(new InstanceStartException(failure));
        }

        var number = Interlocked.Increment(ref _started);
        return Task.FromResult(new Instance($"{spec.FunctionName}-{number}", Name, 40000 + number, PhaseTimeline.StartNow(), this));
    }

    public Task StopAsync(Instance instance, CancellationToken cancellationToken)
    {
        lock (_stopped)
        {
            _stopped.Add(instance.Id);
        }

        return StopFailure is { } failure ? Task.FromException(new InvalidOperationException(failure)) : Task.CompletedTask;
    }
}
