namespace Flint.Runtimes.Tests;

/// <summary>A runtime that runs nothing: a name, an availability, and whether it was disposed.</summary>
internal sealed class StubRuntime(string name, RuntimeAvailability availability) : IInstanceRuntime, IAsyncDisposable
{
    public string Name => name;

    public bool Disposed { get; private set; }

    public RuntimeAvailability CheckAvailability() => availability;

    public Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken) =>
        throw new NotSupportedException("a stub runtime starts nothing");

    public Task StopAsync(Instance instance, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
