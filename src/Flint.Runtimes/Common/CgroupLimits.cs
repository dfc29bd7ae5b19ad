namespace Flint.Runtimes.Common;

/// <summary>
/// What a cgroup holds its members to, each null for no limit: memory in bytes, CPU time per period for all
/// members together (both in microseconds), and the number of pids.
/// </summary>
internal sealed record CgroupLimits(long? MemoryBytes, long? CpuQuotaMicroseconds, long CpuPeriodMicroseconds, long? Pids)
{
    public const long DefaultCpuPeriodMicroseconds = 100_000;
}
