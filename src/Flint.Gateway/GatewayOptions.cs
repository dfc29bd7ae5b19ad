using System.Net;
using Flint.Runtimes;

namespace Flint.Gateway;

/// <summary>How a gateway is hosted; read once when it is built.</summary>
public sealed record GatewayOptions
{
    /// <summary>Holds the function store and the unpacked image cache.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// The management API's secret: every <c>/system/*</c> request must present it (bearer, or basic
    /// auth as user <c>admin</c>). See <see cref="Security.AdminTokenFile"/> for where it usually lives.
    /// </summary>
    public required string AdminToken { get; init; }

    /// <summary>
    /// Whether <c>/metrics</c> and the read-only page <c>/ui</c> (which shows what the metrics show, plus
    /// each function's runtime and mode) need the admin token too; by default both stay readable.
    /// </summary>
    public bool ProtectMetrics { get; init; }

    /// <summary>
    /// Host directories a deploy may name an image under (for local set-ups); every other image is
    /// uploaded to <c>/system/images</c>. Empty: no host path is accepted.
    /// </summary>
    public IReadOnlyList<string> ImageRoots { get; init; } = [];

    /// <summary>
    /// Where <c>flint bench</c> writes its reports (one folder per run); <c>/ui</c> shows the newest. Null:
    /// the page says there is no report yet.
    /// </summary>
    public string? BenchResultsDirectory { get; init; }

    /// <summary>Largest image upload accepted (the tar stream, 413 beyond).</summary>
    public long MaxImageUploadBytes { get; init; } = 256L * 1024 * 1024;

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

    /// <summary>
    /// Invocations in flight at once across every function; more wait in a queue (see
    /// <see cref="MaxQueuedInvocations"/>). Each single-use invocation is an instance booting, so this
    /// bounds what a burst can start on the host at once.
    /// </summary>
    public int MaxConcurrentInvocations { get; init; } = 64;

    /// <summary>Invocations that may wait for one of <see cref="MaxConcurrentInvocations"/>, each up to its function's timeout; beyond, 503 with <c>Retry-After</c> at once.</summary>
    public int MaxQueuedInvocations { get; init; } = 512;

    /// <summary>How many output lines are kept per function for <c>/system/functions/{name}/logs</c>.</summary>
    public int LogLinesPerFunction { get; init; } = 1000;

    /// <summary>How many <c>/async-function</c> calls may wait for a worker; one more is refused with 429.</summary>
    public int AsyncQueueCapacity { get; init; } = 1000;

    /// <summary>How many queued asynchronous calls run at once.</summary>
    public int AsyncWorkers { get; init; } = 4;

    /// <summary>
    /// The clock for idle timeouts and the idle sweep that enforces them, and for the leftover sweep's
    /// time limit and the wait before it is retried.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Creates the runtimes the gateway offers; the gateway owns and disposes the registry.</summary>
    public Func<RuntimeOptions, RuntimeRegistry> CreateRuntimes { get; init; } = DefaultRuntimes.Create;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("the gateway needs a data directory", nameof(DataDirectory));
        }

        if (Security.AdminToken.Problem(AdminToken) is { } tokenProblem)
        {
            throw new ArgumentException(tokenProblem, nameof(AdminToken));
        }

        if (ImageRoots.Any(root => !Path.IsPathFullyQualified(root)))
        {
            throw new ArgumentException("image roots must be absolute paths", nameof(ImageRoots));
        }

        if (BenchResultsDirectory is not null && !Path.IsPathFullyQualified(BenchResultsDirectory))
        {
            throw new ArgumentException("the benchmark results directory must be an absolute path", nameof(BenchResultsDirectory));
        }

        if (Port is < 0 or > 65535 || MaxRequestBodyBytes < 1 || MaxImageUploadBytes < 1 || LogLinesPerFunction < 1 || MaxConcurrentInvocations < 1 || MaxQueuedInvocations < 0
            || MaxRequestHeaderBytes < 1 || MaxRequestHeaderCount < 1 || AsyncQueueCapacity < 1 || AsyncWorkers < 1)
        {
            throw new ArgumentException("port must be 0 to 65535, and the body, upload, header and invocation limits, log size, async queue and workers positive");
        }
    }
}
