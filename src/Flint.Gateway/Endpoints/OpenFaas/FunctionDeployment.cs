namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary>
/// The body of OpenFaaS's <c>POST</c> and <c>PUT /system/functions</c> (its <c>FunctionDeployment</c>
/// schema), as faas-cli sends it; <see cref="DeploymentTranslator"/> turns it into Flint's deploy.
/// </summary>
internal sealed record FunctionDeployment
{
    public string? Service { get; init; }

    public string? Image { get; init; }

    public string? Namespace { get; init; }

    public string? EnvProcess { get; init; }

    public Dictionary<string, string>? EnvVars { get; init; }

    public List<string>? Constraints { get; init; }

    public List<string>? Secrets { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public Dictionary<string, string>? Annotations { get; init; }

    public FunctionResources? Limits { get; init; }

    public FunctionResources? Requests { get; init; }

    public bool? ReadOnlyRootFilesystem { get; init; }

    /// <summary>Deprecated in OpenFaaS and ignored there; accepted and ignored here.</summary>
    public string? RegistryAuth { get; init; }

    /// <summary>Deprecated in OpenFaaS and ignored there; accepted and ignored here.</summary>
    public string? Network { get; init; }
}
