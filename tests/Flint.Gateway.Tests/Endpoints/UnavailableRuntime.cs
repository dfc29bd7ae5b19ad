using Flint.Runtimes;

namespace Flint.Gateway.Tests.Endpoints;

/// <summary>A runtime this host cannot run, to test how the gateway refuses it.</summary>
internal sealed class UnavailableRuntime : IInstanceRuntime
{
    public const string RuntimeName = "unavailable";
    public const string Reason = "needs hardware this host lacks";

    public string Name => RuntimeName;

    public RuntimeAvailability CheckAvailability() => RuntimeAvailability.Unavailable(Reason);

    public Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken) =>
        throw new InstanceStartException(Reason);

    public Task StopAsync(Instance instance, CancellationToken cancellationToken) => Task.CompletedTask;
}
