using System.Net;
using Flint.Runtimes;

namespace Flint.Gateway;

/// <summary>How a gateway is hosted; read once when it is built.</summary>
public sealed record GatewayOptions
{
    /// <summary>Holds the function store and the unpacked image cache.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The TCP port to listen on; 0 picks a free one (see <see cref="GatewayHost.Address"/>).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>The address to listen on; loopback unless deliberately exposed.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Largest request body accepted, for the API and for invocations (413 beyond).</summary>
    public long MaxRequestBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Largest total size of a request's header lines (name, value and separators), for the API and
    /// for invocations (431 beyond, with a JSON body saying so).
    /// </summary>
    public int MaxRequestHeaderBytes { get; init; } = 32 * 1024;

    /// <summary>Most header lines a request may carry (431 beyond).</summary>
    public int MaxRequestHeaderCount { get; init; } = 100;

    /// <summary>How many output lines are kept per function for <c>/system/functions/{name}/logs</c>.</summary>
    public int LogLinesPerFunction { get; init; } = 1000;

    /// <summary>The clock for idle timeouts and the idle sweep that enforces them.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Creates the runtimes the gateway offers; the gateway owns and disposes the registry.</summary>
    public Func<RuntimeOptions, RuntimeRegistry> CreateRuntimes { get; init; } = DefaultRuntimes.Create;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("the gateway needs a data directory", nameof(DataDirectory));
        }

        if (Port is < 0 or > 65535 || MaxRequestBodyBytes < 1 || LogLinesPerFunction < 1 || MaxRequestHeaderBytes < 1 || MaxRequestHeaderCount < 1)
        {
            throw new ArgumentException("port must be 0 to 65535, and the body and header limits and log size positive");
        }
    }
}
