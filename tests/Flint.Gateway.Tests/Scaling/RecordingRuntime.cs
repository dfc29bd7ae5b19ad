using Flint.Runtimes;

namespace Flint.Gateway.Tests.Scaling;

/// <summary>
/// A runtime whose instances are records: each start returns a new instance at once (or fails, when
/// told to), and each stop is noted. For testing a pool's policy without booting anything. A test
/// holds a start, stop or sweep in progress with <see cref="BeforeStart"/>, <see cref="AfterStop"/>
/// or <see cref="DuringSweep"/> (for instance a gate's task that the test completes when it chooses).
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

    /// <summary>Awaited by every start, with the start's cancellation token, before it succeeds or fails.</summary>
    public Func<CancellationToken, Task> BeforeStart { get; set; } = _ => Task.CompletedTask;

    /// <summary>Awaited by every stop once it is noted.</summary>
    public Func<Task> AfterStop { get; set; } = () => Task.CompletedTask;

    /// <summary>Awaited by every sweep once it is counted, with the sweep's cancellation token.</summary>
    public Func<CancellationToken, Task> DuringSweep { get; set; } = _ => Task.CompletedTask;

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

    public async Task<int> SweepLeftoversAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sweeps);
        await DuringSweep(cancellationToken);
        return SweepFailure is { } failure ? throw new InvalidOperationException(failure) : 1;
    }

    public async Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        await BeforeStart(cancellationToken);
        if (StartFailure is { } failure)
        {
            throw new InstanceStartException(failure);
        }

        var number = Interlocked.Increment(ref _started);
        return new Instance($"{spec.FunctionName}-{number}", Name, 40000 + number, PhaseTimeline.StartNow(), this);
    }

    public async Task StopAsync(Instance instance, CancellationToken cancellationToken)
    {
        lock (_stopped)
        {
            _stopped.Add(instance.Id);
        }

        await AfterStop();
        if (StopFailure is { } failure)
        {
            throw new InvalidOperationException(failure);
        }
    }
}
