namespace Flint.Bench.Machine;

/// <summary>The machine a run happened on; versions are null when the program is not installed.</summary>
public sealed record MachineInfo(
    DateTimeOffset Timestamp,
    string CpuModel,
    int Cores,
    string Kernel,
    long MemoryBytes,
    string Kvm,
    string? CrunVersion,
    string? RuncVersion,
    string? DockerVersion,
    string DotnetVersion);
