using System.Globalization;
using Flint.Gateway.Functions;

namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary>
/// A function as OpenFaaS's <c>FunctionStatus</c> schema shows it (the entries of
/// <c>GET /system/functions</c> and the answer of <c>GET /system/function/{name}</c>), with Flint's
/// <c>runtime</c> and <c>mode</c> beside them. <c>replicas</c> and <c>availableReplicas</c> are the live
/// instances: Flint scales every function from zero, so an idle function has none and still answers.
/// </summary>
internal sealed record FunctionStatus(
    string Name,
    string Image,
    string Namespace,
    string? EnvProcess,
    IReadOnlyDictionary<string, string> EnvVars,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    FunctionResources? Limits,
    FunctionResources? Requests,
    bool ReadOnlyRootFilesystem,
    long InvocationCount,
    int Replicas,
    int AvailableReplicas,
    string Runtime,
    string Mode)
{
    public static FunctionStatus Of(FunctionDefinition function, int instances, long invocations) => new(
        function.Name,
        function.Metadata?.ImageReference ?? function.Image,
        DeploymentTranslator.Namespace,
        function.Metadata?.EnvProcess,
        function.Environment,
        function.Metadata?.Labels ?? new Dictionary<string, string>(),
        function.Metadata?.Annotations ?? new Dictionary<string, string>(),
        LimitsOf(function),
        function.Metadata?.Requests is { } requests ? new FunctionResources(requests.Memory, requests.Cpu) : null,
        ReadOnlyRootFilesystem: false,
        invocations,
        instances,
        instances,
        function.Runtime,
        FunctionModes.Format(function.Mode));

    private static FunctionResources? LimitsOf(FunctionDefinition function) =>
        function.Limits is { MemoryBytes: null, Cpus: null }
            ? null
            : new FunctionResources(
                function.Limits.MemoryBytes is { } bytes ? Memory(bytes) : null,
                function.Limits.Cpus?.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Bytes as the Kubernetes quantity OpenFaaS clients read: <c>"128Mi"</c> when whole mebibytes.</summary>
    private static string Memory(long bytes) =>
        bytes % (1L << 20) == 0
            ? $"{(bytes >> 20).ToString(CultureInfo.InvariantCulture)}Mi"
            : bytes.ToString(CultureInfo.InvariantCulture);
}
