using Flint.Bench.Progress;

namespace Flint.Bench.Gateway;

/// <summary>Deploys one benchmark function per runtime and removes them again, keeping going past a runtime that fails.</summary>
public static class BenchDeployments
{
    public static async Task<DeploymentSet> DeployAllAsync(
        GatewayClient gateway,
        BenchProgress progress,
        IReadOnlyList<string> runtimes,
        Func<string, FunctionDeployment> deploymentFor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(runtimes);
        ArgumentNullException.ThrowIfNull(deploymentFor);
        var deployed = new List<string>();
        var failed = new List<RuntimeStatus>();
        foreach (var runtime in runtimes)
        {
            var deployment = deploymentFor(runtime);
            try
            {
                await gateway.DeployAsync(deployment, cancellationToken).ConfigureAwait(false);
                deployed.Add(runtime);
                progress.Step($"deployed {deployment.Name} ({deployment.Mode}, {runtime})");
            }
            catch (Exception e) when (e is GatewayException or HttpRequestException)
            {
                failed.Add(new RuntimeStatus(runtime, false, $"deploy failed: {e.Message}"));
                progress.Step($"could not deploy {deployment.Name}: {e.Message}");
            }
        }

        return new DeploymentSet(deployed, failed);
    }

    /// <summary>Deletes every function even when some deletions fail or the run was cancelled.</summary>
    public static async Task DeleteAllAsync(GatewayClient gateway, BenchProgress progress, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await gateway.DeleteAsync(name, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is GatewayException or HttpRequestException or TaskCanceledException)
            {
                progress.Step($"could not delete {name}: {e.Message}");
            }
        }
    }
}
