using Flint.Runtimes;

namespace Flint.Gateway.Scaling;

/// <summary>
/// Before the gateway serves: asks every runtime to remove what an earlier gateway, killed outright,
/// left running (processes, containers, bundles). Each runtime is swept on its own, so one failing
/// sweep delays nothing else; a sweep that fails or takes longer than its limit is logged and retried
/// in the background until it succeeds or the gateway stops, and never stands in the way of starting
/// instances. Both the limit and the wait between retries run on <see cref="GatewayOptions.Time"/>.
/// </summary>
internal sealed class LeftoverSweeper : IHostedService, IDisposable
{
    private static readonly TimeSpan SweepLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);
    private readonly RuntimeRegistry _runtimes;
    private readonly ILogger<LeftoverSweeper> _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public LeftoverSweeper(RuntimeRegistry runtimes, GatewayOptions options, ILogger<LeftoverSweeper> logger)
    {
        _runtimes = runtimes;
        _logger = logger;
        _time = options.Time;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var sweeps = _runtimes.Names.Select(name => SweepAsync(_runtimes.Get(name), cancellationToken)).ToList();
        var failed = (await Task.WhenAll(sweeps)).OfType<IInstanceRuntime>().ToList();
        if (failed.Count > 0)
        {
            _retrying = Task.WhenAll(failed.Select(runtime => RetryAsync(runtime, _stopping.Token)));
        }
    }

    /// <summary>Ends the retries; completes once a sweep in progress has ended too.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return _retrying;
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Sweeps once; returns the runtime when its sweep failed (to retry), else null.</summary>
    private async Task<IInstanceRuntime?> SweepAsync(IInstanceRuntime runtime, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(SweepLimit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            var removed = await runtime.SweepLeftoversAsync(linked.Token);
            if (removed > 0)
            {
                GatewayLog.LeftoversRemoved(_logger, removed, runtime.Name);
            }

            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            GatewayLog.LeftoverSweepFailed(_logger, runtime.Name, RetryInterval.TotalSeconds, e);
            return runtime;
        }
    }

    private async Task RetryAsync(IInstanceRuntime runtime, CancellationToken cancellationToken)
    {
        try
        {
            do
            {
                await Task.Delay(RetryInterval, _time, cancellationToken);
            }
            while (await SweepAsync(runtime, cancellationToken) is not null);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: a sweep that ends now, however it ends, is not retried or reported.
        }
    }
}
