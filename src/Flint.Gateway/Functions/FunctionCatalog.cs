using Flint.Gateway.Store;

namespace Flint.Gateway.Functions;

/// <summary>
/// The deployed functions: read from memory on the request path, written through to the store.
/// </summary>
internal sealed class FunctionCatalog
{
    private readonly FunctionStore _store;
    private readonly ILogger<FunctionCatalog> _logger;
    private readonly Lock _gate = new();
    private Dictionary<string, FunctionDefinition> _functions;

    public FunctionCatalog(FunctionStore store, ILogger<FunctionCatalog> logger)
    {
        _store = store;
        _logger = logger;
        _functions = store.LoadAll().ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<FunctionDefinition> List()
    {
        var functions = Volatile.Read(ref _functions);
        return [.. functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    public FunctionDefinition? Find(string name) =>
        Volatile.Read(ref _functions).GetValueOrDefault(name);

    /// <summary>Adds a new function; false when one with that name exists.</summary>
    public bool TryAdd(FunctionDefinition function)
    {
        lock (_gate)
        {
            if (_functions.ContainsKey(function.Name))
            {
                return false;
            }

            Replace(function);
            return true;
        }
    }

    /// <summary>Adds or replaces a function; returns the definition it replaced, if any.</summary>
    public FunctionDefinition? Put(FunctionDefinition function)
    {
        lock (_gate)
        {
            var previous = _functions.GetValueOrDefault(function.Name);
            Replace(function);
            return previous;
        }
    }

    public bool Remove(string name)
    {
        lock (_gate)
        {
            if (!_functions.ContainsKey(name))
            {
                return false;
            }

            _store.Delete(name);
            GatewayLog.FunctionDeleted(_logger, name);
            var next = new Dictionary<string, FunctionDefinition>(_functions, StringComparer.Ordinal);
            next.Remove(name);
            Volatile.Write(ref _functions, next);
            return true;
        }
    }

    private void Replace(FunctionDefinition function)
    {
        _store.Save(function);
        GatewayLog.FunctionDeployed(_logger, function.Name, function.Runtime, FunctionModes.Format(function.Mode));
        var next = new Dictionary<string, FunctionDefinition>(_functions, StringComparer.Ordinal) { [function.Name] = function };
        Volatile.Write(ref _functions, next);
    }
}
