namespace Flint.Bench;

/// <summary>
/// What a benchmark run measures and where it writes. Read once by <see cref="BenchRunner"/>; a count
/// or duration of zero skips that measurement. <see cref="Quick"/> caps the run to finish within a few
/// minutes on a small machine (see <see cref="Effective"/>).
/// </summary>
public sealed record BenchOptions
{
    /// <summary>The gateway's base address; loopback only.</summary>
    public required Uri GatewayUrl { get; init; }

    /// <summary>The gateway's admin token, sent on every <c>/system/*</c> call; null for a gateway without one.</summary>
    public string? AdminToken { get; init; }

    /// <summary>The hello function's <c>flint build</c> output (or its OCI layout), as an absolute path the gateway can read.</summary>
    public required string ImageDirectory { get; init; }

    /// <summary>Runtimes to measure; empty means every runtime the gateway lists.</summary>
    public IReadOnlyList<string> Runtimes { get; init; } = [];

    /// <summary>Measured cold starts per runtime.</summary>
    public int Requests { get; init; } = 100;

    /// <summary>Unrecorded cold starts per runtime before measuring (see <see cref="ColdStart.ColdStartRunner.WarmupLimit"/>); the quick preset keeps them all.</summary>
    public int Warmup { get; init; } = 60;

    /// <summary>Idle instances per runtime for the memory measurement (K).</summary>
    public int MemoryInstances { get; init; } = 50;

    /// <summary>Idle instances the density run starts on <c>vm-snapshot</c> (0: no density run).</summary>
    public int DensityInstances { get; init; } = 1000;

    public double ThroughputSeconds { get; init; } = 10;

    public int ThroughputConnections { get; init; } = 4;

    public bool Quick { get; init; }

    /// <summary>Reports go to <c>&lt;OutputRoot&gt;/&lt;timestamp&gt;/</c>.</summary>
    public string OutputRoot { get; init; } = "bench-results";

    /// <summary>Measure the slow "typical .NET container" size row (never in quick mode).</summary>
    public bool IncludeTypicalContainer { get; init; }

    /// <summary>The function's project directory, for the typical container's framework-dependent publish.</summary>
    public string? FunctionSourceDirectory { get; init; }

    /// <summary>The Flint VM monitor (a file, or the folder holding Flint.Vm.dll and Flint.Interop.dll); default: next to the running program.</summary>
    public string? VmMonitorPath { get; init; }

    /// <summary>The Debian suite debootstrap installs for the typical container's rootfs.</summary>
    public string DebianSuite { get; init; } = "bookworm";

    /// <summary>These options with the quick preset applied: at most 30 requests per runtime, K = 10, 3 s of load, no typical container.</summary>
    public BenchOptions Effective() => Quick
        ? this with
        {
            Requests = Math.Min(Requests, 30),
            MemoryInstances = Math.Min(MemoryInstances, 10),
            DensityInstances = Math.Min(DensityInstances, 100),
            ThroughputSeconds = Math.Min(ThroughputSeconds, 3),
            IncludeTypicalContainer = false,
        }
        : this;
}
