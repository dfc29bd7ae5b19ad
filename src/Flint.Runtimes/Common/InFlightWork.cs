using System.Collections.Concurrent;

namespace Flint.Runtimes.Common;

/// <summary>
/// Background work kept until it ends, so that an owner shutting down can wait for all of it, including work
/// added while it waits (a stop that starts a refill, a refill that discards what it prepared).
/// </summary>
public sealed class InFlightWork
{
    private readonly ConcurrentDictionary<Task, byte> _work = new();

    /// <summary>Keeps <paramref name="work"/> until it completes, and returns it.</summary>
    public Task Add(Task work)
    {
        ArgumentNullException.ThrowIfNull(work);
        _work[work] = 0;
        _ = work.ContinueWith(done => _work.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return work;
    }

    /// <summary>Completes once no work is left, waiting again for work added meanwhile; faults are the work's own to report.</summary>
    public async Task DrainAsync()
    {
        while (!_work.IsEmpty)
        {
            await Task.WhenAll(_work.Keys).ConfigureAwait(false);
        }
    }
}
