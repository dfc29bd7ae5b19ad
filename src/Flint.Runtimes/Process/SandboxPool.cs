using System.Collections.Concurrent;

namespace Flint.Runtimes.Process;

/// <summary>
/// Sandboxes made ahead of the cold start that will use them: when an instance of a function stops (after its
/// response has gone), one sandbox (uid, cgroup with the function's limits, working directory) is made for that
/// function's next start, as part of the stop, so a start takes it instead of making one (the benchmark's direct start likewise makes its
/// sandbox before its clock starts). At most one waits per function and limits, and at most
/// <see cref="MaxWaiting"/> in all. Each is recorded as a leftover without a process, so a host killed
/// outright leaves nothing the next host's sweep misses.
/// </summary>
internal sealed class SandboxPool(Func<string, ResourceLimits, ProcessSandbox> create, ProcessLeftovers leftovers) : IDisposable
{
    public const int MaxWaiting = 64;

    private readonly ConcurrentDictionary<(string Function, ResourceLimits Limits), ProcessSandbox> _waiting = new();
    private volatile bool _disposed;

    /// <summary>The sandbox waiting for this function and limits, if one is; the caller owns it.</summary>
    public ProcessSandbox? Take(string function, ResourceLimits limits) =>
        _waiting.TryRemove((function, limits), out var sandbox) ? sandbox : null;

    /// <summary>Makes one sandbox for the function's next start, unless one waits already.</summary>
    public void Refill(string function, ResourceLimits limits)
    {
        if (_disposed || _waiting.ContainsKey((function, limits)) || _waiting.Count >= MaxWaiting)
        {
            return;
        }

        Make(function, limits);
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var key in _waiting.Keys)
        {
            if (_waiting.TryRemove(key, out var sandbox))
            {
                Discard(sandbox);
            }
        }
    }

    private void Make(string function, ResourceLimits limits)
    {
        ProcessSandbox sandbox;
        try
        {
            sandbox = create(function, limits);
        }
        catch (InstanceStartException)
        {
            // The next start makes its own, and reports what fails.
            return;
        }

        leftovers.RecordWithoutProcess(sandbox.Id);
        if (_disposed || !_waiting.TryAdd((function, limits), sandbox))
        {
            Discard(sandbox);
        }
        else if (_disposed && _waiting.TryRemove(new KeyValuePair<(string, ResourceLimits), ProcessSandbox>((function, limits), sandbox)))
        {
            // Disposed while this one was being made: Dispose may have drained the pool before it was added.
            Discard(sandbox);
        }
    }

    private void Discard(ProcessSandbox sandbox)
    {
        sandbox.Dispose();
        leftovers.Forget(sandbox.Id);
    }
}
