using Flint.Runtimes;
using Flint.Runtimes.Oci;

namespace Flint.Gateway.Proxy;

/// <summary>
/// The 502 for an instance that failed while serving, once its runtime has stopped it: it names the
/// function, says so when the kernel killed the instance for exceeding its memory limit, and carries
/// the last lines the instance printed.
/// </summary>
internal static class ServingFailure
{
    public static ApiError Describe(ApiError error, string function, Instance instance, long? memoryLimitBytes)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(instance);
        var end = instance.End;
        var message = end is { MemoryLimitExceeded: true }
            ? $"instance {instance.Id} was {OomKill.Message}{(memoryLimitBytes is { } limit ? $" ({limit} bytes)" : "")} while serving the request"
            : error.Message;
        return error with { Message = message, Function = function, OutputTail = error.OutputTail ?? end?.OutputTail };
    }
}
