using System.Diagnostics.CodeAnalysis;

namespace Flint.Gateway.Admission;

/// <summary>
/// The gateway-wide bound on invocations: at most <see cref="GatewayOptions.MaxConcurrentInvocations"/>
/// in flight, at most <see cref="GatewayOptions.MaxQueuedInvocations"/> more waiting (each up to its
/// function's timeout), and every one beyond refused at once with 503 and <c>Retry-After</c>, so a
/// burst meets a bounded queue rather than as many cold starts as it has requests.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "A singleton for the gateway's life; SemaphoreSlim holds no wait handle unless AvailableWaitHandle is read.")]
internal sealed class InvocationGate
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _slots;
    private readonly int _maxQueued;
    private int _queued;

    public InvocationGate(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _slots = new SemaphoreSlim(options.MaxConcurrentInvocations, options.MaxConcurrentInvocations);
        _maxQueued = options.MaxQueuedInvocations;
    }

    /// <summary>A ticket to release once the invocation is done, or the error to answer with.</summary>
    public async Task<(InvocationTicket? Ticket, ApiError? Refused)> EnterAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return (new InvocationTicket(_slots), null);
        }

        if (Interlocked.Increment(ref _queued) > _maxQueued)
        {
            Interlocked.Decrement(ref _queued);
            return (null, Busy($"the gateway is at its limit of concurrent invocations and its queue of {_maxQueued} is full"));
        }

        try
        {
            return await _slots.WaitAsync(wait, cancellationToken)
                ? (new InvocationTicket(_slots), null)
                : (null, Busy($"the gateway is at its limit of concurrent invocations; none finished within {wait.TotalSeconds:0.###} s"));
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    private static ApiError Busy(string message) => new(StatusCodes.Status503ServiceUnavailable, message) { RetryAfter = RetryAfter };
}
