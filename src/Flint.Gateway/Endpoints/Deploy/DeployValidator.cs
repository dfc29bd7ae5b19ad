using System.Text.Json;
using System.Text.RegularExpressions;
using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Runtimes;

namespace Flint.Gateway.Endpoints.Deploy;

/// <summary>
/// Turns a deploy request into a complete <see cref="FunctionDefinition"/>, or names the first thing
/// wrong with it. Checks everything the gateway can know now: name, runtime on this host, mode,
/// environment, limits, durations and counts, then the image, last since a host path is copied
/// into the image store.
/// </summary>
internal static partial class DeployValidator
{
    public const int MaxCount = 10_000;
    private static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task<(FunctionDefinition? Function, ApiError? Error)> ValidateAsync(
        DeployRequest request, RuntimeRegistry runtimes, ImageReferences images, CancellationToken cancellationToken)
    {
        if (request.Name is not { } name || !FunctionNames.IsValid(name))
        {
            return Invalid($"name '{request.Name}' is not a valid function name: use 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit");
        }

        if (string.IsNullOrWhiteSpace(request.Image))
        {
            return Invalid("image is required: an uploaded image's digest (POST /system/images), a registry reference (localhost:5000/hello:latest) or a path under the gateway's image directories");
        }

        var runtime = request.Runtime ?? RuntimeNames.Process;
        if (!runtimes.TryGet(runtime, out var found))
        {
            return Invalid($"unknown runtime '{runtime}'; this gateway has: {string.Join(", ", runtimes.Names)}");
        }

        if (found.CheckAvailability() is { IsAvailable: false } availability)
        {
            return Invalid($"runtime '{runtime}' is not available on this host: {availability.Reason}");
        }

        var mode = FunctionMode.SingleUse;
        if (request.Mode is { } modeText && !FunctionModes.TryParse(modeText, out mode))
        {
            return Invalid($"mode '{modeText}' is not one of: {FunctionModes.SingleUse}, {FunctionModes.KeepWarm}");
        }

        if (EnvironmentError(request.Env) is { } envError)
        {
            return Invalid(envError);
        }

        var (limits, limitsError) = Limits(request.Limits);
        if (limitsError is not null)
        {
            return Invalid(limitsError);
        }

        var idleTimeout = request.IdleTimeout is { } idle ? Quantities.Duration(idle) : DefaultIdleTimeout;
        var timeout = request.Timeout is { } time ? Quantities.Duration(time) : DefaultTimeout;
        if (idleTimeout is null || timeout is null)
        {
            return Invalid($"{(idleTimeout is null ? "idleTimeout" : "timeout")} must be a duration such as \"30s\", \"500ms\", \"2m\" or a number of seconds, from 1 ms to one day");
        }

        if (request.MaxConcurrency is < 1 or > MaxCount || request.MaxInstances is < 1 or > MaxCount)
        {
            return Invalid($"maxConcurrency and maxInstances must be between 1 and {MaxCount}");
        }

        var (image, imageError) = await images.ResolveAsync(request.Image, cancellationToken);
        if (image is null)
        {
            return (null, imageError);
        }

        return (new FunctionDefinition(
            name, image, runtime, mode, request.Env ?? [], limits!, idleTimeout.Value,
            request.MaxConcurrency ?? 1, request.MaxInstances ?? 10, timeout.Value, request.Auth ?? false), null);
    }

    private static string? EnvironmentError(Dictionary<string, string>? environment)
    {
        foreach (var (key, value) in environment ?? [])
        {
            if (!EnvironmentName().IsMatch(key))
            {
                return $"env: '{key}' is not a valid variable name";
            }

            if (key == "PORT")
            {
                return "env: PORT is set by the runtime and cannot be overridden";
            }

            if (value is null || value.Contains('\0', StringComparison.Ordinal))
            {
                return $"env: the value of '{key}' must be a string without NUL characters";
            }
        }

        return null;
    }

    private static (ResourceLimits? Limits, string? Error) Limits(LimitsRequest? request)
    {
        if (request is null)
        {
            return (ResourceLimits.None, null);
        }

        long? memory = null;
        if (request.Memory is { ValueKind: not JsonValueKind.Null } memoryText && (memory = Quantities.Bytes(memoryText)) is null)
        {
            return (null, $"limits.memory {(Quantities.Echo(memoryText) is { } text ? $"'{text}'" : "(not valid UTF-8)")} is not a size such as \"128Mi\", \"1G\" or a positive number of bytes");
        }

        if (request.Cpus is { } cpus && !(double.IsFinite(cpus) && cpus > 0 && cpus <= 1024))
        {
            return (null, "limits.cpus must be a positive number of CPUs");
        }

        if (request.Pids is < 1)
        {
            return (null, "limits.pids must be a positive number");
        }

        return (new ResourceLimits(memory, request.Cpus, request.Pids), null);
    }

    private static (FunctionDefinition?, ApiError?) Invalid(string message) =>
        (null, new ApiError(StatusCodes.Status400BadRequest, message));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
