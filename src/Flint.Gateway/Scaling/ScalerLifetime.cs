namespace Flint.Gateway.Scaling;

/// <summary>
/// Runs the scaler's idle sweep while the gateway runs, and stops every instance once the server
/// has stopped taking requests (after in-flight ones drained), so a graceful shutdown leaves no
/// instance behind.
/// </summary>
internal sealed class ScalerLifetime : IHostedLifecycleService, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(250);
    private readonly Scaler _scaler;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private Task _sweeping = Task.CompletedTask;

    public ScalerLifetime(Scaler scaler, GatewayOptions options)
    {
        _scaler = scaler;
        _time = options.Time;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _sweeping = SweepAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _sweeping;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => _scaler.StopAllAsync();

    public void Dispose() => _stopping.Dispose();

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await _scaler.StopIdleAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
