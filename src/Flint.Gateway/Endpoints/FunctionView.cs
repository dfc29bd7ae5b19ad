using Flint.Gateway.Functions;

namespace Flint.Gateway.Endpoints;

/// <summary>A deployed function as the API shows it (durations in seconds, memory in bytes).</summary>
internal sealed record FunctionView(
    string Name,
    string Image,
    string Runtime,
    string Mode,
    IReadOnlyDictionary<string, string> Env,
    LimitsView Limits,
    double IdleTimeout,
    int MaxConcurrency,
    int MaxInstances,
    double Timeout,
    bool Auth,
    int Instances,
    int Stopping)
{
    /// <param name="function">The deployed function.</param>
    /// <param name="instances">Its live instances.</param>
    /// <param name="stopping">Its instances that left the pool and are being torn down.</param>
    public static FunctionView Of(FunctionDefinition function, int instances, int stopping = 0) => new(
        function.Name,
        function.Image,
        function.Runtime,
        FunctionModes.Format(function.Mode),
        function.Environment,
        new LimitsView(function.Limits.MemoryBytes, function.Limits.Cpus, function.Limits.Pids),
        function.IdleTimeout.TotalSeconds,
        function.MaxConcurrency,
        function.MaxInstances,
        function.Timeout.TotalSeconds,
        function.RequireAuth,
        instances,
        stopping);
}
