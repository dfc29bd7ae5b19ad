using System.Diagnostics.CodeAnalysis;

namespace Flint.Runtimes;

/// <summary>
/// The runtimes a host offers, by name. Runtimes are added while the host is set up and read
/// concurrently afterwards; disposing the registry stops every instance its runtimes still run.
/// </summary>
public sealed class RuntimeRegistry : IAsyncDisposable
{
    private readonly Dictionary<string, IInstanceRuntime> _runtimes = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Names => [.. _runtimes.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Registers a runtime; refuses a second runtime with the same name.</summary>
    public void Add(IInstanceRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        if (!_runtimes.TryAdd(runtime.Name, runtime))
        {
            throw new ArgumentException($"a runtime named '{runtime.Name}' is already registered", nameof(runtime));
        }
    }

    public bool TryGet(string name, [NotNullWhen(true)] out IInstanceRuntime? runtime) =>
        _runtimes.TryGetValue(name, out runtime);

    public IInstanceRuntime Get(string name) =>
        TryGet(name, out var runtime)
            ? runtime
            : throw new KeyNotFoundException($"no runtime named '{name}' is registered (registered: {string.Join(", ", Names)})");

    /// <summary>Every registered runtime with its availability on this host, checked now.</summary>
    public IReadOnlyList<RuntimeDescription> Describe() =>
        [.. Names.Select(name => new RuntimeDescription(name, _runtimes[name].CheckAvailability()))];

    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in _runtimes.Values)
        {
            if (runtime is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
