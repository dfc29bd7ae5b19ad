using System.Runtime;

namespace Flint.Bench.ColdStart;

/// <summary>
/// Waits until the JIT has compiled nothing new for <see cref="Quiet"/>. Tiered compilation runs a method
/// unoptimized for its first calls, then recompiles the hot ones in the background: a start measured while that
/// goes on pays for it, through Flint more than directly, since the gateway's whole path runs in this process.
/// Gives up after <see cref="Limit"/>: a process that never stops compiling is measured as it is.
/// </summary>
public sealed class JitSettle(Func<long> compiledMethods, Func<TimeSpan, CancellationToken, Task> delay)
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>On this process's JIT and the real clock.</summary>
    public static JitSettle OfThisProcess() => new(() => JitInfo.GetCompiledMethodCount(currentThread: false), Task.Delay);

    /// <summary>Returns true once nothing was compiled for <see cref="Quiet"/>, false when <see cref="Limit"/> ran out first.</summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        var last = compiledMethods();
        var quiet = TimeSpan.Zero;
        for (var waited = TimeSpan.Zero; waited < Limit; waited += Poll)
        {
            await delay(Poll, cancellationToken).ConfigureAwait(false);
            var now = compiledMethods();
            quiet = now == last ? quiet + Poll : TimeSpan.Zero;
            last = now;
            if (quiet >= Quiet)
            {
                return true;
            }
        }

        return false;
    }
}
