using System.Globalization;
using System.Text.Json;
using Flint.Gateway.Endpoints.Deploy;
using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Images.Registry;
using Flint.Runtimes;

namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary>
/// Turns an OpenFaaS <see cref="FunctionDeployment"/> into a Flint function: OpenFaaS's fields map to
/// Flint's (<c>service</c> to name, <c>envVars</c> to env, <c>limits</c> to limits), Flint's own
/// settings come from <see cref="FlintAnnotations"/>, and the result passes the same
/// <see cref="DeployValidator"/> as Flint's own deploy. Errors name the OpenFaaS field.
/// </summary>
internal static class DeploymentTranslator
{
    /// <summary>The one namespace this gateway has, under the name OpenFaaS gives its default.</summary>
    public const string Namespace = "openfaas-fn";

    public static async Task<(FunctionDefinition? Function, ApiError? Error)> TranslateAsync(
        FunctionDeployment deployment, RuntimeRegistry runtimes, ImageReferences images, CancellationToken cancellationToken)
    {
        var (request, error) = ToDeployRequest(deployment, runtimes);
        if (request is null)
        {
            return (null, error);
        }

        var (function, invalid) = await DeployValidator.ValidateAsync(request, runtimes, images, cancellationToken);
        if (function is null)
        {
            return (null, invalid!.Message.StartsWith("env:", StringComparison.Ordinal) ? invalid with { Message = "envVars" + invalid.Message[3..] } : invalid);
        }

        var metadata = new FunctionMetadata(
            deployment.Labels ?? [],
            deployment.Annotations ?? [],
            deployment.Image,
            deployment.EnvProcess,
            deployment.Requests is { } requests ? new ResourceRequests(requests.Memory, requests.Cpu) : null);
        return (function with { Metadata = metadata }, null);
    }

    private static (DeployRequest?, ApiError?) ToDeployRequest(FunctionDeployment deployment, RuntimeRegistry runtimes)
    {
        if (deployment.Service is not { } service || !FunctionNames.IsValid(service))
        {
            return Invalid($"service '{deployment.Service}' is not a valid function name: use 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit");
        }

        if (deployment.Namespace is { Length: > 0 } space && space != Namespace)
        {
            return Invalid($"namespace '{space}': this gateway has one namespace, {Namespace}");
        }

        if (deployment.Secrets is { Count: > 0 })
        {
            return Invalid("secrets: this gateway does not provide OpenFaaS secrets; pass settings in envVars");
        }

        if (deployment.ReadOnlyRootFilesystem == true)
        {
            return Invalid("readOnlyRootFilesystem: this gateway cannot make a function's root filesystem read-only yet");
        }

        var (image, imageError) = ImageName(deployment.Image);
        if (image is null)
        {
            return (null, imageError);
        }

        if (ResourcesError("requests", deployment.Requests) is { } requestsError)
        {
            return Invalid(requestsError);
        }

        if (ResourcesError("limits", deployment.Limits) is { } limitsError)
        {
            return Invalid(limitsError);
        }

        var (settings, settingsError) = AnnotationSettings.Read(deployment.Annotations ?? [], runtimes);
        if (settings is null)
        {
            return Invalid(settingsError!);
        }

        var env = new Dictionary<string, string>(deployment.EnvVars ?? [], StringComparer.Ordinal);
        if (deployment.EnvProcess is { Length: > 0 } process)
        {
            env.TryAdd("fprocess", process);
        }

        return (settings with
        {
            Name = service,
            Image = image,
            Env = env,
            Limits = new LimitsRequest
            {
                Memory = deployment.Limits?.Memory is { } memory ? JsonSerializer.SerializeToElement(memory) : null,
                Cpus = deployment.Limits?.Cpu is { } cpu ? Cpus(cpu) : null,
                Pids = settings.Limits?.Pids,
            },
        }, null);
    }

    /// <summary>
    /// What Flint can resolve of an OpenFaaS image reference: a reference with its registry (pulled),
    /// an uploaded image's digest, a reference without a registry pinned to one
    /// (<c>name@sha256:...</c>), or a host path (a directory, or <c>oci:path:tag</c>) under the image roots.
    /// </summary>
    private static (string?, ApiError?) ImageName(string? image)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return (null, BadRequest("image is required: an uploaded image's digest (sha256:..., from POST /system/images), or a reference pinned to one (name@sha256:...)"));
        }

        if (image.StartsWith("sha256:", StringComparison.Ordinal) || Path.IsPathFullyQualified(image) || LayoutReference.IsLayout(image) || ImageReference.TryParse(image, out _))
        {
            return (image, null);
        }

        var at = image.LastIndexOf("@sha256:", StringComparison.Ordinal);
        return at > 0
            ? (image[(at + 1)..], null)
            : (null, BadRequest($"image '{image}' is a registry reference, and without its registry, and this gateway does not guess one: name it (localhost:5000/{image}), or upload the image (POST /system/images, or 'flint deploy --image DIR') and deploy it by the digest the upload returns"));
    }

    private static string? ResourcesError(string field, FunctionResources? resources)
    {
        if (resources?.Memory is { } memory && Quantities.Bytes(JsonSerializer.SerializeToElement(memory)) is null)
        {
            return $"{field}.memory '{memory}' is not a size such as \"128Mi\", \"1G\" or a number of bytes";
        }

        if (resources?.Cpu is { } cpu && Cpus(cpu) is null)
        {
            return $"{field}.cpu '{cpu}' is not a number of CPUs such as \"0.5\", \"2\" or \"500m\" (millicores)";
        }

        return null;
    }

    /// <summary>CPUs from OpenFaaS's text: <c>"0.5"</c>, <c>"2"</c>, or millicores <c>"500m"</c>; null when not positive.</summary>
    private static double? Cpus(string text)
    {
        var milli = text.EndsWith('m');
        var number = milli ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var cpus = milli ? amount / 1000 : amount;
        return double.IsFinite(cpus) && cpus > 0 && cpus <= 1024 ? cpus : null;
    }

    private static (DeployRequest?, ApiError?) Invalid(string message) => (null, BadRequest(message));

    private static ApiError BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
}
