using System.Diagnostics;

namespace Flint.Bench.ColdStart;

/// <summary>
/// Waits, before each measured start, <see cref="Settle"/> and then until the benchmark's process (which hosts the
/// gateway and runs the direct starts) has been nearly idle for a short window: less than <see cref="MaxBusy"/> of
/// CPU in <see cref="Window"/>. The settle time lets the host's own state go back to rest, which no CPU figure shows:
/// a cgroup migration (every container start makes one) waits for an RCU grace period unless another migration
/// happened within about one grace period before it, so without it a start would be cheaper or dearer by up to
/// 20 ms depending on how soon it followed the previous one.
/// The previous runtime's background work (a snapshot runtime preparing its next restores, a teardown's last
/// steps) would otherwise land on whichever start comes next, and bill it. Gives up after <see cref="Limit"/>: a
/// machine that never quiets down is measured as it is.
/// </summary>
public sealed class Quiescence(Func<TimeSpan> cpuTime, Func<TimeSpan, CancellationToken, Task> delay)
{
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan MaxBusy = TimeSpan.FromMilliseconds(2);
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    /// <summary>On this process's own CPU time and the real clock.</summary>
    public static Quiescence OfThisProcess()
    {
        var process = Process.GetCurrentProcess();
        return new Quiescence(
            () =>
            {
                process.Refresh();
                return process.TotalProcessorTime;
            },
            Task.Delay);
    }

    /// <summary>
    /// Returns true once a window passed nearly idle, false when <see cref="Limit"/> ran out first. Without
    /// <paramref name="settle"/> the windows start at once.
    /// </summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken, bool settle = true)
    {
        if (settle)
        {
            await delay(Settle, cancellationToken).ConfigureAwait(false);
        }

        for (var waited = TimeSpan.Zero; waited < Limit; waited += Window)
        {
            var before = cpuTime();
            await delay(Window, cancellationToken).ConfigureAwait(false);
            if (cpuTime() - before < MaxBusy)
            {
                return true;
            }
        }

        return false;
    }
}
