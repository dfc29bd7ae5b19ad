using System.Diagnostics.CodeAnalysis;
using Flint.Gateway.Functions;
using Flint.Images;
using Flint.Runtimes;
using Flint.Runtimes.Common;

namespace Flint.Gateway.Scaling;

/// <summary>
/// The instances of one function and the policy that shares them: at most
/// <see cref="FunctionDefinition.Capacity"/> requests at once (more wait, up to the function's
/// timeout), single-use instances stopped after their one request, keep-warm instances reused up to
/// their concurrency and stopped after the idle timeout.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "Lease releases may reach the semaphore after the pool closed; neither it nor the token source holds a wait handle or timer to free.")]
internal sealed class FunctionPool
{
    private readonly IInstanceRuntime _runtime;
    private readonly FunctionImage _image;
    private readonly IInstanceLog _log;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _capacity;
    private readonly CancellationTokenSource _closing = new();
    private readonly List<PooledInstance> _instances = [];
    private readonly InFlightWork _stops = new();
    private int _stopping;
    private bool _closed;

    public FunctionPool(FunctionDefinition function, IInstanceRuntime runtime, FunctionImage image, IInstanceLog log, ILogger logger, TimeProvider time)
    {
        Function = function;
        _runtime = runtime;
        _image = image;
        _log = log;
        _logger = logger;
        _time = time;
        _capacity = new SemaphoreSlim(function.Capacity, function.Capacity);
    }

    public FunctionDefinition Function { get; }

    public int InstanceCount
    {
        get
        {
            lock (_instances)
            {
                return _instances.Count;
            }
        }
    }

    /// <summary>Instances taken out of the pool whose runtime stop has not finished.</summary>
    public int StoppingCount => Volatile.Read(ref _stopping);

    /// <summary>The state of each live instance (see <see cref="InstanceStates"/>).</summary>
    public IReadOnlyList<string> InstanceStateList()
    {
        lock (_instances)
        {
            return [.. _instances.Select(i => i.State)];
        }
    }

    public async Task<LeaseResult> AcquireAsync(CancellationToken cancellationToken)
    {
        if (!await _capacity.WaitAsync(Function.Timeout, cancellationToken))
        {
            return LeaseResult.Refused(new ApiError(
                StatusCodes.Status429TooManyRequests,
                $"function '{Function.Name}' is at capacity ({Function.Capacity} concurrent requests); none finished within {Function.Timeout.TotalSeconds:0.###} s")
            {
                RetryAfter = Admission.InvocationGate.RetryAfter,
            });
        }

        if (Reserve() is not var (slot, cold))
        {
            _capacity.Release();
            return LeaseResult.Refused(ScalerErrors.Closing(Function.Name));
        }

        if (cold)
        {
            await StartAsync(slot);
        }

        try
        {
            var instance = await slot.Started.WaitAsync(cancellationToken);
            return LeaseResult.Granted(new InstanceLease(this, slot, instance, cold));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(slot, broken: false);
            throw;
        }
        catch (Exception e)
        {
            await ReleaseAsync(slot, broken: true);
            return LeaseResult.Refused(ScalerErrors.StartFailed(Function.Name, e));
        }
    }

    public async Task ReleaseAsync(PooledInstance slot, bool broken)
    {
        bool stop;
        lock (_instances)
        {
            slot.Release();
            slot.Retired |= broken || _closed || Function.Mode == FunctionMode.SingleUse;
            stop = slot.Retired && slot.InFlight == 0 && !slot.Stopping;
            if (stop)
            {
                Remove(slot);
            }
        }

        if (stop)
        {
            await StopAsync(slot);
        }

        _capacity.Release();
    }

    /// <summary>Stops the instances that have served nothing for the idle timeout.</summary>
    public Task StopIdleAsync()
    {
        lock (_instances)
        {
            return StopAsync(_instances.Where(i => i.IsIdleFor(Function.IdleTimeout)).ToList());
        }
    }

    /// <summary>
    /// Takes no more requests and stops every instance, serving or not; completes once every stop is over, those
    /// already under way (a single-use instance's, after its response) included.
    /// </summary>
    public async Task CloseAsync()
    {
        Task stopping;
        lock (_instances)
        {
            _closed = true;
            stopping = StopAsync(_instances.Where(i => !i.Stopping).ToList());
        }

        await _closing.CancelAsync();
        await stopping;
        await _stops.DrainAsync();
    }

    private (PooledInstance Slot, bool Cold)? Reserve()
    {
        lock (_instances)
        {
            if (_closed)
            {
                return null;
            }

            var slot = Function.Mode == FunctionMode.KeepWarm
                ? _instances.Find(i => !i.Retired && i.InFlight < Function.MaxConcurrency)
                : null;
            var cold = slot is null;
            if (slot is null)
            {
                slot = new PooledInstance(_time);
                _instances.Add(slot);
            }

            slot.InFlight++;
            return (slot, cold);
        }
    }

    private async Task StartAsync(PooledInstance slot)
    {
        try
        {
            // Handed off at launch: the request goes out while the instance boots, and waits in its socket's queue.
            var spec = new InstanceSpec(Function.Name, _image, Function.Environment, Function.Limits, Function.Timeout, _log, HandOffAtLaunch: true);
            var instance = await _runtime.StartAsync(spec, _closing.Token);
            GatewayLog.InstanceStarted(_logger, instance.Id, Function.Name);
            _ = instance.Accepting.ContinueWith(t => RetireFailed(slot, t.Exception?.InnerException), CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
            slot.Complete(instance);
        }
        catch (Exception e)
        {
            GatewayLog.InstanceStartFailed(_logger, Function.Name, e.Message);
            slot.Fail(e);
        }
    }

    /// <summary>
    /// An instance handed off at launch that never accepted (the runtime stopped it): it takes no more
    /// requests, and leaves the pool now when none is in flight (else the last release removes it).
    /// </summary>
    private void RetireFailed(PooledInstance slot, Exception? error)
    {
        GatewayLog.InstanceStartFailed(_logger, Function.Name, error?.Message ?? "the start was cancelled");
        lock (_instances)
        {
            slot.Retired = true;
            if (slot.InFlight == 0 && !slot.Stopping)
            {
                _ = StopAsync([slot]);
            }
        }
    }

    /// <summary>Removes the slots (caller holds the lock); the stops run outside it.</summary>
    private Task StopAsync(List<PooledInstance> slots)
    {
        foreach (var slot in slots)
        {
            Remove(slot);
        }

        return slots.Count == 0 ? Task.CompletedTask : Task.WhenAll(slots.Select(s => Task.Run(() => StopAsync(s))));
    }

    /// <summary>Takes a slot out of the pool for good, marked stopping (caller holds the lock).</summary>
    private void Remove(PooledInstance slot)
    {
        slot.Stopping = true;
        _instances.Remove(slot);
        Interlocked.Increment(ref _stopping);
    }

    /// <summary>Stops a removed slot's instance, tracked until the stop is over (see <see cref="CloseAsync"/>).</summary>
    private Task StopAsync(PooledInstance slot) => _stops.Add(StopCoreAsync(slot));

    private async Task StopCoreAsync(PooledInstance slot)
    {
        try
        {
            Instance instance;
            try
            {
                instance = await slot.Started;
            }
            catch (Exception)
            {
                return;
            }

            try
            {
                await _runtime.StopAsync(instance, CancellationToken.None);
            }
            catch (Exception e)
            {
                GatewayLog.InstanceStopFailed(_logger, instance.Id, e);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _stopping);
        }
    }
}
