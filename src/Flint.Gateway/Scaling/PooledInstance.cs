using Flint.Runtimes;

namespace Flint.Gateway.Scaling;

/// <summary>
/// One instance of a function as its pool sees it: starting or started, how many requests it serves
/// now, and whether it takes more. The mutable fields are guarded by the owning pool's lock.
/// </summary>
internal sealed class PooledInstance
{
    private readonly TaskCompletionSource<Instance> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;

    /// <summary>Timestamp, on <see cref="_time"/>, of the creation or the last release.</summary>
    private long _idleSince;

    public PooledInstance(TimeProvider time)
    {
        _time = time;
        _idleSince = time.GetTimestamp();
    }

    /// <summary>Completes with the instance once it is ready, or fails with why it could not start.</summary>
    public Task<Instance> Started => _started.Task;

    public int InFlight { get; set; }

    /// <summary>Takes no new requests; stopped once the last one is released.</summary>
    public bool Retired { get; set; }

    /// <summary>Removed from the pool and being (or already) stopped.</summary>
    public bool Stopping { get; set; }

    /// <summary>One of <see cref="InstanceStates"/>: still starting, serving requests, or waiting for one.</summary>
    public string State =>
        !Started.IsCompleted ? InstanceStates.Starting : InFlight > 0 ? InstanceStates.Busy : InstanceStates.Idle;

    public bool IsIdleFor(TimeSpan idleTimeout) =>
        InFlight == 0 && !Stopping && Started.IsCompletedSuccessfully && _time.GetElapsedTime(_idleSince) >= idleTimeout;

    /// <summary>One request fewer; the idle time counts from now.</summary>
    public void Release()
    {
        InFlight--;
        _idleSince = _time.GetTimestamp();
    }

    public void Complete(Instance instance) => _started.SetResult(instance);

    public void Fail(Exception error) => _started.SetException(error);
}
