using Flint.Runtimes;

namespace Flint.Bench.Tests.Fakes;

/// <summary>An instance runtime that starts nothing real; it can refuse the Nth start and records stops.</summary>
public sealed class FakeRuntime(string name, int failAtStart = -1, string? unavailableReason = null) : IInstanceRuntime
{
    private int _starts;

    public string Name => name;

    public List<string> Running { get; } = [];

    public List<string> Stopped { get; } = [];

    public RuntimeAvailability CheckAvailability() =>
        unavailableReason is null ? RuntimeAvailability.Available : RuntimeAvailability.Unavailable(unavailableReason);

    public Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        if (_starts++ == failAtStart)
        {
            throw new InstanceStartException($"{name} ran out of something");
        }

        var instance = new Instance($"{name}-{_starts}", name, 40000 + _starts, PhaseTimeline.StartNow(), new object());
        Running.Add(instance.Id);
        return Task.FromResult(instance);
    }

    public Task StopAsync(Instance instance, CancellationToken cancellationToken)
    {
        Running.Remove(instance.Id);
        Stopped.Add(instance.Id);
        return Task.CompletedTask;
    }
}
