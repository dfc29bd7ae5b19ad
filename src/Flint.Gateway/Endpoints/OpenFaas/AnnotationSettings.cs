using System.Globalization;
using System.Text.Json;
using Flint.Gateway.Endpoints.Deploy;
using Flint.Gateway.Functions;
using Flint.Runtimes;

namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary>
/// Reads Flint's settings from an OpenFaaS deploy's <see cref="FlintAnnotations"/> into the fields of
/// Flint's own deploy request; a bad value is refused naming its annotation.
/// </summary>
internal static class AnnotationSettings
{
    public static (DeployRequest? Settings, string? Error) Read(IReadOnlyDictionary<string, string> annotations, RuntimeRegistry runtimes)
    {
        if (annotations.Keys.FirstOrDefault(k => k.StartsWith(FlintAnnotations.Prefix, StringComparison.Ordinal) && !FlintAnnotations.All.Contains(k)) is { } unknown)
        {
            return (null, $"annotation {unknown} is not one of Flint's: {string.Join(", ", FlintAnnotations.All)}");
        }

        var runtime = annotations.GetValueOrDefault(FlintAnnotations.Runtime);
        if (runtime is not null && !runtimes.TryGet(runtime, out _))
        {
            return (null, $"annotation {FlintAnnotations.Runtime}: unknown runtime '{runtime}'; this gateway has: {string.Join(", ", runtimes.Names)}");
        }

        var mode = annotations.GetValueOrDefault(FlintAnnotations.Mode);
        if (mode is not null && !FunctionModes.TryParse(mode, out _))
        {
            return (null, $"annotation {FlintAnnotations.Mode} '{mode}' is not one of: {FunctionModes.SingleUse}, {FunctionModes.KeepWarm}");
        }

        var (idleTimeout, idleError) = Duration(annotations, FlintAnnotations.IdleTimeout);
        var (timeout, timeoutError) = Duration(annotations, FlintAnnotations.Timeout);
        var (maxConcurrency, concurrencyError) = Count(annotations, FlintAnnotations.MaxConcurrency, DeployValidator.MaxCount);
        var (maxInstances, instancesError) = Count(annotations, FlintAnnotations.MaxInstances, DeployValidator.MaxCount);
        var (pids, pidsError) = Count(annotations, FlintAnnotations.Pids, int.MaxValue);
        if ((idleError ?? timeoutError ?? concurrencyError ?? instancesError ?? pidsError) is { } error)
        {
            return (null, error);
        }

        bool? auth = null;
        if (annotations.GetValueOrDefault(FlintAnnotations.Auth) is { } authText)
        {
            if (!bool.TryParse(authText, out var required))
            {
                return (null, $"annotation {FlintAnnotations.Auth} '{authText}' must be \"true\" or \"false\"");
            }

            auth = required;
        }

        return (new DeployRequest
        {
            Runtime = runtime,
            Mode = mode,
            IdleTimeout = idleTimeout,
            Timeout = timeout,
            MaxConcurrency = maxConcurrency,
            MaxInstances = maxInstances,
            Auth = auth,
            Limits = new LimitsRequest { Pids = pids },
        }, null);
    }

    /// <summary>A duration as Flint's deploy takes it (<c>"30s"</c>, <c>"500ms"</c>) or a number of seconds.</summary>
    private static (JsonElement?, string?) Duration(IReadOnlyDictionary<string, string> annotations, string key)
    {
        if (annotations.GetValueOrDefault(key) is not { } text)
        {
            return (null, null);
        }

        var value = double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            ? JsonSerializer.SerializeToElement(seconds)
            : JsonSerializer.SerializeToElement(text);
        return Quantities.Duration(value) is null
            ? (null, $"annotation {key} '{text}' must be a duration such as \"30s\", \"500ms\", \"2m\" or a number of seconds, from 1 ms to one day")
            : (value, null);
    }

    private static (int?, string?) Count(IReadOnlyDictionary<string, string> annotations, string key, int max)
    {
        if (annotations.GetValueOrDefault(key) is not { } text)
        {
            return (null, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1 && count <= max
            ? (count, null)
            : (null, $"annotation {key} '{text}' must be a whole number from 1 to {max}");
    }
}
