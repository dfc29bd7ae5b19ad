using Flint.Runtimes;

namespace Flint.Gateway.Scaling;

/// <summary>The right to send requests to an instance until released; released exactly once.</summary>
internal sealed class InstanceLease
{
    private readonly FunctionPool _pool;
    private readonly PooledInstance _slot;
    private int _released;

    public InstanceLease(FunctionPool pool, PooledInstance slot, Instance instance, bool isColdStart)
    {
        _pool = pool;
        _slot = slot;
        Instance = instance;
        IsColdStart = isColdStart;
    }

    public Instance Instance { get; }

    /// <summary>The function the instance belongs to.</summary>
    public string FunctionName => _pool.Function.Name;

    /// <summary>True when the instance serves this one request only (it is stopped once the lease is released).</summary>
    public bool IsSingleUse => _pool.Function.Mode == Functions.FunctionMode.SingleUse;

    /// <summary>True when this request booted the instance.</summary>
    public bool IsColdStart { get; }

    /// <summary>
    /// Gives the instance back. A broken instance (it failed or timed out a request) is stopped; a
    /// single-use one always is. Completes once any stop is done.
    /// </summary>
    public Task ReleaseAsync(bool broken) =>
        Interlocked.Exchange(ref _released, 1) == 0 ? _pool.ReleaseAsync(_slot, broken) : Task.CompletedTask;
}
