using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Gateway.Logs;
using Flint.Images;
using Flint.Runtimes;

namespace Flint.Gateway.Scaling;

/// <summary>
/// Answers the proxy's one question, "an instance for this function, please", with a lease, and
/// owns every function's pool of instances. The proxy never learns which runtime booted what.
/// </summary>
internal sealed class Scaler
{
    private readonly FunctionCatalog _catalog;
    private readonly RuntimeRegistry _runtimes;
    private readonly FunctionLogs _logs;
    private readonly ImageStore _images;
    private readonly ILogger<Scaler> _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, FunctionPool> _pools = new(StringComparer.Ordinal);
    private bool _closed;

    public Scaler(FunctionCatalog catalog, RuntimeRegistry runtimes, FunctionLogs logs, ImageStore images, GatewayOptions options, ILogger<Scaler> logger)
    {
        _images = images;
        _catalog = catalog;
        _runtimes = runtimes;
        _logs = logs;
        _logger = logger;
        _time = options.Time;
    }

    public Task<LeaseResult> AcquireAsync(FunctionDefinition function, CancellationToken cancellationToken)
    {
        FunctionPool pool;
        lock (_pools)
        {
            if (_closed)
            {
                return Task.FromResult(LeaseResult.Refused(ScalerErrors.Closing(function.Name)));
            }

            // A request that read the definition just before a redeploy keeps using the current pool.
            var existing = _pools.GetValueOrDefault(function.Name);
            if (existing is null || (!ReferenceEquals(existing.Function, function) && ReferenceEquals(_catalog.Find(function.Name), function)))
            {
                var (created, error) = CreatePool(function);
                if (created is null)
                {
                    return Task.FromResult(LeaseResult.Refused(error!));
                }

                RetireInBackground(existing);
                _pools[function.Name] = created;
                existing = created;
            }

            pool = existing;
        }

        return pool.AcquireAsync(cancellationToken);
    }

    /// <summary>Stops a function's instances (it was deleted or redeployed).</summary>
    public Task RetireAsync(string function)
    {
        lock (_pools)
        {
            return _pools.Remove(function, out var pool) ? pool.CloseAsync() : Task.CompletedTask;
        }
    }

    /// <summary>Stops the instances that have been idle longer than their function's idle timeout.</summary>
    public Task StopIdleAsync()
    {
        lock (_pools)
        {
            return Task.WhenAll(_pools.Values.Select(p => p.StopIdleAsync()));
        }
    }

    /// <summary>Refuses every further request and stops every instance.</summary>
    public Task StopAllAsync()
    {
        GatewayLog.StoppingAllInstances(_logger);
        lock (_pools)
        {
            _closed = true;
            var closing = Task.WhenAll(_pools.Values.Select(p => p.CloseAsync()));
            _pools.Clear();
            return closing;
        }
    }

    public int InstanceCount(string function)
    {
        lock (_pools)
        {
            return _pools.TryGetValue(function, out var pool) ? pool.InstanceCount : 0;
        }
    }

    /// <summary>The function's instances that left its pool and whose stop has not finished yet.</summary>
    public int StoppingCount(string function)
    {
        lock (_pools)
        {
            return _pools.TryGetValue(function, out var pool) ? pool.StoppingCount : 0;
        }
    }

    /// <summary>Live instances per function, with the runtime that runs them.</summary>
    public IReadOnlyList<(string Function, string Runtime, int Instances)> InstanceCounts()
    {
        lock (_pools)
        {
            return [.. _pools.Values.Select(p => (p.Function.Name, p.Function.Runtime, p.InstanceCount))];
        }
    }

    /// <summary>Live instances per runtime and state, over every function.</summary>
    public IReadOnlyList<(string Runtime, string State, int Instances)> InstanceCountsByState()
    {
        lock (_pools)
        {
            return [.. _pools.Values
                .SelectMany(p => p.InstanceStateList().Select(state => (p.Function.Runtime, State: state)))
                .GroupBy(i => i)
                .Select(g => (g.Key.Runtime, g.Key.State, g.Count()))];
        }
    }

    private (FunctionPool? Pool, ApiError? Error) CreatePool(FunctionDefinition function)
    {
        if (!_runtimes.TryGet(function.Runtime, out var runtime))
        {
            return (null, new ApiError(StatusCodes.Status502BadGateway, $"function '{function.Name}' needs runtime '{function.Runtime}', which this gateway does not have"));
        }

        try
        {
            var image = FunctionImage.Load(_images.LayoutFor(function.Image));
            return (new FunctionPool(function, runtime, image, _logs.For(function.Name), _logger, _time), null);
        }
        catch (Exception e) when (e is ImageException or IOException or UnauthorizedAccessException)
        {
            return (null, new ApiError(StatusCodes.Status502BadGateway, $"function '{function.Name}' has an unusable image: {e.Message}"));
        }
    }

    private static void RetireInBackground(FunctionPool? replaced)
    {
        if (replaced is not null)
        {
            _ = replaced.CloseAsync();
        }
    }
}
