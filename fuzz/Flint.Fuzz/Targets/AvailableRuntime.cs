using Flint.Runtimes;

namespace Flint.Fuzz.Targets;

/// <summary>A runtime that is always available and never starts anything: deploy validation only asks whether it exists.</summary>
internal sealed class AvailableRuntime(string name) : IInstanceRuntime
{
    public string Name => name;

    public RuntimeAvailability CheckAvailability() => RuntimeAvailability.Available;

    public Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken) =>
        throw new InstanceStartException("the fuzzing harness starts no instances");

    public Task StopAsync(Instance instance, CancellationToken cancellationToken) => Task.CompletedTask;
}
