namespace Flint.Vm.Linux.FileSystem;

/// <summary>The guest's memory as /proc/meminfo, sysinfo and the cgroup files report it: total is the memory limit.</summary>
internal static class GuestMemoryUsage
{
    public static ulong Total(GuestProcess process) => process.Memory.Limit;

    /// <summary>Bytes in pages the guest can access (reservations without access bits are not counted).</summary>
    public static ulong Used(GuestProcess process) => Math.Min(process.Memory.AccessiblePages * Layout.PageSize, Total(process));

    public static ulong Free(GuestProcess process) => Total(process) - Used(process);
}
