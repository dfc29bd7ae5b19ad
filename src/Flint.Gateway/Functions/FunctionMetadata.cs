namespace Flint.Gateway.Functions;

/// <summary>
/// What an OpenFaaS-shaped deploy gave that the gateway stores and shows back without acting on it:
/// labels and annotations, the image reference as written (the function runs the digest it
/// resolved to), the command for OpenFaaS's watchdog, and the resource requests.
/// </summary>
internal sealed record FunctionMetadata(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    string? ImageReference = null,
    string? EnvProcess = null,
    ResourceRequests? Requests = null);
