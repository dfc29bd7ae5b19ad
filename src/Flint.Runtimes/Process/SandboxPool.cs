using System.Collections.Concurrent;
using Flint.Runtimes.Common;

namespace Flint.Runtimes.Process;

/// <summary>
/// Starts prepared ahead of the cold start that will use them (<see cref="PreparedStart"/>): when an instance of a
/// function stops (after its response has gone), one sandbox is made and entered by a held launcher for that
/// function's next start, as part of the stop, so a start only lets the launcher exec the function (the
/// benchmark's direct start holds its launcher the same way before its clock starts). At most one waits per
/// <see cref="StartKey"/>, at most <see cref="MaxWaiting"/> in all, and none longer than <see cref="MaxIdle"/>
/// (a function removed or redeployed meanwhile never takes it). Each is recorded as a leftover with its launcher's
/// pid, so a host killed outright leaves nothing the next host's sweep misses.
/// </summary>
internal sealed class SandboxPool(ProcessLeftovers leftovers) : IAsyncDisposable
{
    public const int MaxWaiting = 64;

    /// <summary>How long a prepared start waits for its function's next cold start before it is discarded.</summary>
    public static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(1);

    /// <summary>How long a prepared launcher may take to hold inside its sandbox before it is given up.</summary>
    public static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<StartKey, PreparedStart> _waiting = new();
    private readonly InFlightWork _inFlight = new();
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    /// <summary>The start prepared for this key, if one waits and its launcher still holds; the caller owns it.</summary>
    public PreparedStart? Take(StartKey key)
    {
        if (!_waiting.TryRemove(key, out var prepared))
        {
            return null;
        }

        if (prepared.Process.HasExited)
        {
            // Killed from outside while it waited: the start prepares a fresh one instead.
            Discard(prepared);
            return null;
        }

        return prepared;
    }

    /// <summary>
    /// Prepares one start for <paramref name="key"/> with <paramref name="prepare"/>, unless one waits already, and
    /// completes once its launcher holds inside the sandbox (at most <see cref="HoldLimit"/>): the cgroup migration it
    /// makes stalls every fork and exit on the host while it lasts, so it is over before the caller goes on.
    /// </summary>
    public Task RefillAsync(StartKey key, Func<PreparedStart> prepare)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        return _inFlight.Add(RefillCoreAsync(key, prepare));
    }

    private async Task RefillCoreAsync(StartKey key, Func<PreparedStart> prepare)
    {
        if (_disposing.IsCancellationRequested || _waiting.ContainsKey(key) || _waiting.Count >= MaxWaiting)
        {
            return;
        }

        PreparedStart prepared;
        try
        {
            prepared = prepare();
        }
        catch (InstanceStartException)
        {
            // The next start prepares its own, and reports what fails.
            return;
        }

        var holds = await prepared.Process.HeldAsync(HoldLimit, _disposing.Token).ConfigureAwait(false);
        if (!holds || _disposing.IsCancellationRequested || !_waiting.TryAdd(key, prepared))
        {
            Discard(prepared);
        }
        else if (_disposing.IsCancellationRequested && _waiting.TryRemove(KeyValuePair.Create(key, prepared)))
        {
            // Disposed while this one was being prepared: DisposeAsync may have drained the pool before it was added.
            Discard(prepared);
        }
        else
        {
            _ = ExpireAsync(key, prepared);
        }
    }

    /// <summary>Kills every waiting launcher at once, without waiting; for a host that is exiting.</summary>
    public void KillNow()
    {
        foreach (var prepared in _waiting.Values)
        {
            prepared.Process.KillNow();
        }
    }

    /// <summary>Stops every waiting launcher and removes its sandbox and record, refills under way included; later calls wait for nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        foreach (var key in _waiting.Keys)
        {
            if (_waiting.TryRemove(key, out var prepared))
            {
                Discard(prepared);
            }
        }

        // Refills under way discard what they prepare once they see the pool disposed; wait for those too.
        await _inFlight.DrainAsync().ConfigureAwait(false);
    }

    private async Task ExpireAsync(StartKey key, PreparedStart prepared)
    {
        try
        {
            await Task.Delay(MaxIdle, _disposing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (_waiting.TryRemove(KeyValuePair.Create(key, prepared)))
        {
            Discard(prepared);
        }
    }

    private void Discard(PreparedStart prepared) => _inFlight.Add(DiscardAsync(prepared));

    /// <summary>The launcher is stopped before its exec (it held), then its sandbox and record go.</summary>
    private async Task DiscardAsync(PreparedStart prepared)
    {
        await prepared.Process.StopAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        prepared.Sandbox.Dispose();
        leftovers.Forget(prepared.Id);
    }
}
